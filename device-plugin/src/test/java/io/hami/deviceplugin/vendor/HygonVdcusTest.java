package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.device.ContainerDevice;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hygon's vDCUs on the host: the files a claim writes, their release, and what a restarted plugin reads back. */
class HygonVdcusTest {
    static final String POD_A = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final String POD_B = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    static final PhysicalDevice CARD = new PhysicalDevice(1, "DCU-HG0Z100A11920002", "DCU-Z100", OptionalLong.of(32752),
            OptionalInt.of(0), true, Optional.of("0000:b3:00.0"), OptionalInt.of(129), List.of("/dev/dri/renderD129"));
    static final ContainerDevice QUARTER = new ContainerDevice(CARD.uuid(), "DCU", 16384, 25);

    @TempDir
    Path tmp;

    private VendorPlugins.HygonSettings settings;

    @BeforeEach
    void paths() {
        settings = new VendorPlugins.HygonSettings(tmp.resolve("dtk"), tmp.resolve("vgpu/dcu"), tmp.resolve("etc-vdev"));
    }

    private HygonVdcus vdcus() throws IOException {
        return new HygonVdcus(settings, card -> 60);
    }

    private static ContainerIdentity container(String pod) {
        return new ContainerIdentity(pod, "work");
    }

    private Path directory(String name) {
        return settings.vdcuDirectory().resolve(name);
    }

    @Test
    void aClaimWritesNothingUntilWrittenThenTheConfigurationAndItsCopyForTheExporter() throws IOException {
        var vdcus = vdcus();
        var claim = vdcus.claim(container(POD_A), CARD, QUARTER);
        var name = POD_A + "_work_1_0_0_0000000000007fff_0000000000000000";

        assertThat(claim.mounts()).containsExactly(
                new Mount("/etc/vdev/docker/", directory(name).toString(), Mount.Kind.DIRECTORY, false),
                new Mount("/opt/hygondriver", tmp.resolve("dtk").toString(), Mount.Kind.DIRECTORY, true));
        assertThat(tmp.resolve("vgpu")).doesNotExist();

        claim.write();

        assertThat(Files.getPosixFilePermissions(directory(name))).isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(Files.readString(directory(name).resolve("vdev0.conf"))).isEqualTo("""
                PciBusId: 0000:B3:00.0
                cu_mask: 0x0000000000007fff
                cu_mask: 0x0000000000000000
                cu_count: 15
                mem: 16384 MiB
                device_id: 0
                vdev_id: 0
                pipe_id: 0
                enable: 1
                """);
        assertThat(Files.readString(tmp.resolve("etc-vdev/vdev0.conf"))).isEqualTo("""
                PciBusId: 0000:B3:00.0
                cu_mask: 0x0000000000007fff
                cu_mask: 0x0000000000000000
                cu_count: 15
                mem: 16384 MiB
                device_id: 1
                vdev_id: 0
                pipe_id: 0
                enable: 1
                """);
    }

    @Test
    void releasingRemovesBothFilesAndFreesTheIds() throws IOException {
        var vdcus = vdcus();
        var claim = vdcus.claim(container(POD_A), CARD, QUARTER);
        claim.write();

        claim.release();
        claim.release();

        assertThat(settings.vdcuDirectory()).isEmptyDirectory();
        assertThat(settings.vdevDirectory()).isEmptyDirectory();
        assertThat(vdcus.held()).isEmpty();
        assertThat(vdcus.claim(container(POD_B), CARD, QUARTER).mounts().getFirst().hostPath())
                .endsWith(POD_B + "_work_1_0_0_0000000000007fff_0000000000000000");
    }

    @Test
    void aRestartedPluginKeepsTheIdsAndUnitsItsPreviousRunGaveAway() throws IOException {
        vdcus().claim(container(POD_A), CARD, QUARTER).write();

        var restarted = vdcus();
        restarted.claim(container(POD_B), CARD, QUARTER).write();

        assertThat(restarted.held()).extracting(VdcuDirectory::name).containsExactly(
                POD_A + "_work_1_0_0_0000000000007fff_0000000000000000",
                POD_B + "_work_1_1_1_000000003fff8000_0000000000000000");
        assertThat(Files.readString(tmp.resolve("etc-vdev/vdev1.conf"))).contains("vdev_id: 1\npipe_id: 1\n");
    }

    @Test
    void aDamagedDirectoryNameIsLeftAloneAndHoldsNothing() throws IOException {
        Files.createDirectories(directory("garbage"));
        Files.createDirectories(directory(POD_A + "_work_1_0_0_7fff_0"));
        Files.writeString(Files.createDirectories(settings.vdcuDirectory())
                .resolve(POD_B + "_work_1_0_5_0000000000000001_0000000000000000"), "a file, not a directory");

        var vdcus = vdcus();
        vdcus.releaseGone(Set.of(POD_A, POD_B));

        assertThat(vdcus.held()).isEmpty();
        assertThat(vdcus.podUids()).isEmpty();
        try (var names = Files.list(settings.vdcuDirectory())) {
            assertThat(names).hasSize(3);
        }
    }

    @Test
    void releasingGonePodsLeavesThoseThatExist() throws IOException {
        var vdcus = vdcus();
        vdcus.claim(container(POD_A), CARD, QUARTER).write();
        vdcus.claim(container(POD_B), CARD, QUARTER).write();
        assertThat(vdcus.podUids()).containsExactlyInAnyOrder(POD_A, POD_B);

        vdcus.releaseGone(Set.of(POD_A));

        assertThat(vdcus.held()).extracting(v -> v.container().podUid()).containsExactly(POD_B);
        try (var names = Files.list(settings.vdcuDirectory())) {
            assertThat(names).extracting(p -> p.getFileName().toString()).allMatch(n -> n.startsWith(POD_B));
        }
        assertThat(tmp.resolve("etc-vdev/vdev0.conf")).doesNotExist();
        assertThat(tmp.resolve("etc-vdev/vdev1.conf")).exists();
    }

    @Test
    void aGonePodsStateOnlyOnDiskIsReleasedToo() throws IOException {
        var name = POD_A + "_work_1_0_0_0000000000007fff_0000000000000000";
        Files.createDirectories(directory(name));
        var vdcus = vdcus();
        Files.createDirectories(directory(POD_B + "_work_1_1_1_0000000000008000_0000000000000000")); // after the start

        vdcus.releaseGone(Set.of(POD_A, POD_B));

        assertThat(settings.vdcuDirectory()).isEmptyDirectory();
        assertThat(vdcus.held()).isEmpty();
    }

    @Test
    void aClaimWhosePodWentBeforeItWasWrittenWritesNothing() throws IOException {
        var vdcus = vdcus();
        var claim = vdcus.claim(container(POD_A), CARD, QUARTER);

        vdcus.releaseGone(Set.of(POD_A));

        assertThatThrownBy(claim::write).isInstanceOf(IOException.class)
                .hasMessageContaining("was released before it was written (its pod is gone)");
        assertThat(tmp.resolve("vgpu")).doesNotExist();
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingOnceReleased() throws IOException {
        Files.writeString(settings.vdevDirectory(), "a file where the exporter's directory should be");
        var vdcus = vdcus();
        var claim = vdcus.claim(container(POD_A), CARD, QUARTER);

        assertThatThrownBy(claim::write).isInstanceOf(IOException.class);
        assertThat(settings.vdcuDirectory()).isNotEmptyDirectory();
        claim.release();

        assertThat(settings.vdcuDirectory()).isEmptyDirectory();
        assertThat(vdcus.held()).isEmpty();
    }

    @Test
    void whatCannotBeClaimedIsOneClearError() throws IOException {
        var vdcus = vdcus();
        var noAddress = new PhysicalDevice(1, "DCU-X", "DCU-Z100", OptionalLong.of(32752), OptionalInt.empty(), true);
        assertThatThrownBy(() -> vdcus.claim(container(POD_A), noAddress, QUARTER))
                .hasMessage("card DCU-X has no known PCI address, which its vDCU configuration names");
        assertThatThrownBy(() -> vdcus.claim(container(POD_A), CARD, new ContainerDevice(CARD.uuid(), "DCU", 1024, 150)))
                .hasMessage("card DCU-HG0Z100A11920002 (index 1) has 60 of its 60 compute units free, the container asks for 90");
        assertThat(vdcus.held()).isEmpty();
    }
}
