package io.hami.monitor.regions;

import static io.hami.monitor.Fixtures.pod;
import static io.hami.monitor.Fixtures.region;
import static io.hami.monitor.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.monitor.Fixtures;
import io.hami.monitor.MutablePods;
import io.hami.monitor.TestClock;
import io.hami.monitor.metrics.CollectErrors;
import io.hami.monitor.metrics.CollectErrors.Reason;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionRegistryTest {
    private static final Duration GRACE = Duration.ofMinutes(5);

    @TempDir
    Path containers;

    @TempDir
    Path outside;

    private final TestClock clock = TestClock.newYear2026();
    private final CollectErrors errors = new CollectErrors();
    private final MutablePods pods = new MutablePods();
    private RegionRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new RegionRegistry(containers, GRACE, clock, errors);
        pods.add(pod(uid(1), "ns", "p1", "cuda", "idle"));
    }

    private String dir(int pod, String container) {
        return uid(pod) + "_" + container;
    }

    @Test
    void opensTheRegionOfEachContainerThatHasOne() {
        region(containers, uid(1), "cuda").create("1.2", "--devices", "1");
        region(containers, uid(1), "idle"); // no CUDA process yet: no region file
        var pass = registry.refresh(pods);
        assertThat(pass.open()).containsExactly(dir(1, "cuda"));
        assertThat(registry.refresh(pods).open()).containsExactly(dir(1, "cuda"));
        region(containers, uid(1), "idle").create("1.1");
        assertThat(registry.refresh(pods).open()).containsExactly(dir(1, "cuda"), dir(1, "idle"));
    }

    @Test
    void skipsAndCountsDirectoriesThatAreNotOurs() throws Exception {
        Files.createDirectories(containers.resolve("no-underscore"));
        Files.createDirectories(containers.resolve(uid(1) + "_Not_A_Label"));
        Files.writeString(containers.resolve("a-plain-file"), "x");
        var crowded = containers.resolve(dir(1, "cuda"));
        Files.createDirectories(crowded);
        for (var name : new String[] {"a.cache", "b.cache", "libvgpu.so"}) {
            Files.writeString(crowded.resolve(name), "");
        }
        assertThat(registry.refresh(pods).open()).isEmpty();
        assertThat(errors.get(Reason.DIRECTORY_NAME)).isEqualTo(2);
        assertThat(errors.get(Reason.CACHE_FILES)).isEqualTo(1);
    }

    @Test
    void theLibvgpuPlaceholderIsNotTheRegion() throws Exception {
        var w = region(containers, uid(1), "cuda").create("1.2");
        Files.writeString(w.file().resolveSibling("libvgpu.so"), "");
        assertThat(registry.refresh(pods).open()).containsExactly(dir(1, "cuda"));
    }

    @Test
    void keepsTheDirectoryOfAnUnknownPodThroughTheGracePeriodThenRemovesIt() {
        var w = region(containers, uid(2), "cuda").create("1.2");
        Fixtures.touch(w.file().getParent(), clock.instant());
        clock.advance(GRACE.minusSeconds(1));
        var pass = registry.refresh(pods);
        assertThat(pass.open()).isEmpty();
        assertThat(pass.removed()).isEmpty();
        assertThat(w.file()).exists();
        clock.advance(Duration.ofSeconds(1));
        assertThat(registry.refresh(pods).removed()).containsExactly(dir(2, "cuda"));
        assertThat(w.file().getParent()).doesNotExist();
    }

    @Test
    void removesNothingBeforeThePodSourceHasListedOnce() {
        var w = region(containers, uid(2), "cuda").create("1.2");
        Fixtures.touch(w.file().getParent(), clock.instant().minus(Duration.ofDays(1)));
        pods.synced(false);
        var pass = registry.refresh(pods);
        assertThat(pass.removed()).isEmpty();
        assertThat(pass.open()).containsExactly(dir(2, "cuda"));
        pods.synced(true);
        assertThat(registry.refresh(pods).removed()).containsExactly(dir(2, "cuda"));
        assertThat(registry.read(open -> open.size()).intValue()).isZero();
    }

    @Test
    void aPodDeletedWhileItsRegionIsOpenIsClosedAndRemovedAfterTheGracePeriod() throws Exception {
        var w = region(containers, uid(1), "cuda").create("1.2", "--devices", "1");
        Fixtures.touch(w.file().getParent(), clock.instant());
        registry.refresh(pods);
        var region = registry.read(open -> open.get(dir(1, "cuda")));
        assertThat(region.snapshot().deviceCount()).isEqualTo(1);
        pods.remove(uid(1));
        assertThat(registry.refresh(pods).open()).containsExactly(dir(1, "cuda")); // kept while young
        clock.advance(GRACE);
        assertThat(registry.refresh(pods).removed()).containsExactly(dir(1, "cuda"));
        assertThat(registry.read(open -> open.isEmpty()).booleanValue()).isTrue();
        assertThatThrownBy(region::snapshot).isInstanceOf(java.nio.channels.ClosedChannelException.class);
        assertThat(errors.get(Reason.CLEANUP)).isZero();
    }

    @Test
    void aReplacedFileIsReopenedNotTrustedFromTheOldDescriptor() throws Exception {
        var w = region(containers, uid(1), "cuda").create("1.2", "--limit", "0=1000");
        registry.refresh(pods);
        var staged = Fixtures.region(outside, "s", "t").create("1.2", "--limit", "0=2000");
        Files.move(staged.file(), w.file(), StandardCopyOption.REPLACE_EXISTING);
        assertThat(registry.refresh(pods).open()).containsExactly(dir(1, "cuda"));
        assertThat(errors.get(Reason.REGION_REPLACED)).isEqualTo(1);
        var limit = registry.read(open -> {
            try {
                return open.get(dir(1, "cuda")).snapshot().devices().get(0).limitBytes();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(limit).isEqualTo(2000);
    }

    @Test
    void aFileTruncatedAfterOpeningFailsReadsAndIsDropped() throws Exception {
        var w = region(containers, uid(1), "cuda").create("1.2");
        registry.refresh(pods);
        var region = registry.read(open -> open.get(dir(1, "cuda")));
        try (var f = new RandomAccessFile(w.file().toFile(), "rw")) {
            f.setLength(4096);
        }
        assertThatThrownBy(region::snapshot).isInstanceOfSatisfying(InvalidRegionException.class,
                e -> assertThat(e.reason()).isEqualTo(InvalidRegionException.Reason.TRUNCATED));
        assertThat(registry.refresh(pods).open()).isEmpty();
        assertThat(errors.get(Reason.REGION_TRUNCATED)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void garbageAndUnknownVersionsAreCountedAndRetried() throws Exception {
        var garbage = region(containers, uid(1), "cuda").file();
        Files.write(garbage, new byte[3_000_000]);
        region(containers, uid(1), "idle").create("1.2").run("set", "major_version", "7");
        registry.refresh(pods);
        registry.refresh(pods);
        assertThat(errors.get(Reason.REGION_NO_MAGIC)).isEqualTo(2);
        assertThat(errors.get(Reason.REGION_UNKNOWN_VERSION)).isEqualTo(2);
    }

    @Test
    void aRegionThatIsALinkIsRejected() throws Exception {
        var real = Fixtures.region(outside, "s", "t").create("1.2").file();
        var dir = containers.resolve(dir(1, "cuda"));
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve(Fixtures.CACHE), real);
        assertThat(registry.refresh(pods).open()).isEmpty();
        assertThat(errors.get(Reason.REGION_NOT_A_FILE)).isEqualTo(1);
    }

    @Test
    void removingAStaleDirectoryRemovesLinksInItNotTheirTargets(@TempDir Path host) throws Exception {
        var precious = Files.writeString(host.resolve("precious"), "host data");
        var dir = containers.resolve(dir(2, "cuda"));
        Files.createDirectories(dir.resolve("nested"));
        Files.createSymbolicLink(dir.resolve("nested/link"), precious);
        Files.createSymbolicLink(dir.resolve("dirlink"), host);
        Fixtures.touch(dir, clock.instant().minus(Duration.ofHours(1)));
        assertThat(registry.refresh(pods).removed()).containsExactly(dir(2, "cuda"));
        assertThat(dir).doesNotExist();
        assertThat(precious).hasContent("host data");
    }

    @Test
    void aMissingContainersDirectoryIsCountedNotFatal() {
        var missing = new RegionRegistry(containers.resolve("absent"), GRACE, clock, errors);
        assertThat(missing.refresh(pods).open()).isEmpty();
        assertThat(errors.get(Reason.CONTAINERS_DIR)).isEqualTo(1);
    }
}
