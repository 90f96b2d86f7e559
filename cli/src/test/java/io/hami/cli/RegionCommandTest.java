package io.hami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.json.CanonicalJson;
import io.hami.testfixtures.region.RegionWriterFixture;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hami region} on region files written by the C fixture writer. */
class RegionCommandTest {

    @TempDir
    Path dir;

    private RegionWriterFixture region(String layout) {
        return RegionWriterFixture.on(dir.resolve("c.cache"))
                .create(layout, "--limit", "0=1048576000", "--limit", "1=2147483648", "--sm-limit", "0=30",
                        "--sm-limit", "1=30", "--priority", "0", "--devices", "2")
                .run("register", "101", "4242").run("register", "102")
                .run("alloc", "101", "0", "1048576").run("alloc", "102", "1", "2097152")
                .run("watch", "4242", "0", "3145728", "17").run("kernel", "1767225600");
    }

    @Test
    void dumpPrintsLimitsUsageAndProcesses() {
        var c = region("1.2").run("register", "103").run("exit", "103");
        var run = CliRun.run("", "region", "dump", c.file().toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(c.file() + """
                : HAMi-core region, layout 1.2 (version 1.2), 2008953 bytes
                devices: 2 (device_num)
                  dev uuid                                        limit MiB sm limit   used MiB sm util
                  0   GPU-0fc3eda5-0000-4000-8000-000000000000         1000       30          1      17
                  1   GPU-0fc3eda6-0000-4000-8000-000000000001         2048       30          2       0
                processes: 2 active of proc_num 3
                  slot  pid        host pid   status     used MiB
                  0     101        4242       running    dev0=1
                  1     102        -          running    dev1=2
                utilization_switch 1, recent_kernel 2, priority 0, last_kernel_time 1767225600
                """);
    }

    @Test
    void dumpShowsTheUsageOfASlotWhoseSeqlockNeverSettlesMarkedStaleNotZero() throws Exception {
        var c = region("1.2").run("set", "seqlock.0", "7"); // process 101 stopped halfway through an update
        var run = CliRun.run("", "region", "dump", c.file().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("""
                  0   GPU-0fc3eda5-0000-4000-8000-000000000000         1000       30  1 (stale)      17
                  1   GPU-0fc3eda6-0000-4000-8000-000000000001         2048       30  2 (stale)       0
                processes: 2 active of proc_num 2, 1 slot(s) changing too fast to copy consistently: their usage is stale
                  slot  pid        host pid   status     used MiB
                  0     101        4242       running    dev0=1 (stale)
                  1     102        -          running    dev1=2
                """);
        var json = CanonicalJson.MAPPER.readTree(CliRun.run("", "region", "dump", c.file().toString(), "--json").out());
        assertThat(json.get("devices").get(0).get("usedBytes").asLong()).isEqualTo(1_048_576);
        assertThat(json.get("devices").get(0).get("usedStale").asBoolean()).isTrue();
        assertThat(json.get("staleSlots").asInt()).isEqualTo(1);
        assertThat(json.get("activeProcesses").get(0).get("stale").asBoolean()).isTrue();
        assertThat(json.get("activeProcesses").get(1).get("stale").asBoolean()).isFalse();
    }

    @Test
    void dumpJsonCarriesBytesAndMib() throws Exception {
        var c = region("1.2");
        var run = CliRun.run("", "region", "dump", c.file().toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = CanonicalJson.MAPPER.readTree(run.out());
        assertThat(json.get("layout").asText()).isEqualTo("1.2");
        assertThat(json.get("fileSize").asLong()).isEqualTo(2_008_953);
        assertThat(json.get("devices")).hasSize(2);
        var dev1 = json.get("devices").get(1);
        assertThat(dev1.get("limitMiB").asLong()).isEqualTo(2048);
        assertThat(dev1.get("limitBytes").asLong()).isEqualTo(2_147_483_648L);
        assertThat(dev1.get("usedBytes").asLong()).isEqualTo(2_097_152);
        assertThat(json.get("activeProcesses").get(0).get("hostPid").asInt()).isEqualTo(4242);
        assertThat(json.get("activeProcesses").get(1).get("used").get(0).get("device").asInt()).isEqualTo(1);
        assertThat(json.get("priority").asInt()).isZero();
        assertThat(json.get("lastKernelTime").asLong()).isEqualTo(1_767_225_600L);
        assertThat(json.has("text")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0", "1.1", "1.2"})
    void dumpsEveryLayout(String layout) {
        var run = CliRun.run("", "region", "dump", region(layout).file().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("layout " + layout + " (version " + layout + ")", "processes: 2 active of proc_num 2")
                .doesNotContain("unknown version");
    }

    @ParameterizedTest
    @CsvSource({"3, 1.3", "-1, 1.4294967295", "0, 1.0"})
    void dumpSaysSoWhenTheVersionIsOneItDoesNotKnow(String minor, String version) throws Exception {
        var c = region("1.2").run("set", "minor_version", minor);
        var run = CliRun.run("", "region", "dump", c.file().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("layout 1.2 (version " + version + "), 2008953 bytes\n"
                + "unknown version " + version + ": read with the newest 1.x layout, 1.2, as HAMi-core's major version allows\n");
        var json = CanonicalJson.MAPPER.readTree(CliRun.run("", "region", "dump", c.file().toString(), "--json").out());
        assertThat(json.get("version").asText()).isEqualTo(version);
        assertThat(json.get("knownVersion").asBoolean()).isFalse();
        var set = CliRun.run("", "region", "set-switch", c.file().toString(), "--recent-kernel", "0");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).endsWith("(layout 1.2)\nunknown version " + version
                + ": read with the newest 1.x layout, 1.2, as HAMi-core's major version allows\n");
    }

    @Test
    void dumpShowsHostileValuesBounded() {
        var c = region("1.2").run("set", "proc_num", "99999").run("set", "priority", "2147483647");
        var run = CliRun.run("", "region", "dump", c.file().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("processes: 2 active of proc_num 1024", "priority 2147483647 (ignored: not 0..99)");
    }

    @Test
    void anUninitializedRegionIsOneLineAndExitTwo() {
        var c = RegionWriterFixture.on(dir.resolve("init.cache")).create("1.2", "--uninitialized");
        var run = CliRun.run("", "region", "dump", c.file().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("not a HAMi-core region: magic 0x00000000\n");
    }

    @Test
    void aTruncatedRegionIsOneLineAndExitTwo() throws Exception {
        var c = region("1.2");
        try (var ch = FileChannel.open(c.file(), StandardOpenOption.WRITE)) {
            ch.truncate(1_048_576);
        }
        var run = CliRun.run("", "region", "dump", c.file().toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("truncated: 1048576 bytes, layout 1.2 needs 2008952\n");
    }

    @Test
    void a12RegionCutToTheSizeOfAV0FileIsTruncatedNotV0() throws Exception {
        var c = region("1.2");
        try (var ch = FileChannel.open(c.file(), StandardOpenOption.WRITE)) {
            ch.truncate(2_000_000);
        }
        var run = CliRun.run("", "region", "dump", c.file().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("truncated: 2000000 bytes, layout 1.2 needs 2008952\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1", "1.2"})
    void setSwitchRefusesA1xRegionCutToTheSizeOfAV0FileAndWritesNothing(String layout) throws Exception {
        var c = region(layout);
        try (var ch = FileChannel.open(c.file(), StandardOpenOption.WRITE)) {
            ch.truncate(2_000_000);
        }
        var before = Files.readAllBytes(c.file());
        var run = CliRun.run("", "region", "set-switch", c.file().toString(), "--utilization-switch", "0", "--recent-kernel", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("truncated: 2000000 bytes, layout " + layout + " needs 2008952\n");
        assertThat(Files.readAllBytes(c.file())).isEqualTo(before);
    }

    @Test
    void aMissingFileOrADirectoryIsOneLineAndExitTwo() {
        var missing = CliRun.run("", "region", "dump", dir.resolve("none.cache").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("no such file: " + dir.resolve("none.cache") + "\n");
        var directory = CliRun.run("", "region", "set-switch", dir.toString(), "--recent-kernel", "0");
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).isEqualTo("not a HAMi-core region: not a regular file\n");
    }

    @Test
    void setSwitchWritesWhatHamiCoreThenReads() {
        var c = region("1.2");
        var run = CliRun.run("", "region", "set-switch", c.file().toString(), "--utilization-switch", "0", "--recent-kernel", "-1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(c.file() + ": utilization_switch 0, recent_kernel -1 (layout 1.2)\n");
        assertThat(c.attempt("get", "utilization_switch").out()).isEqualTo("0\n");
        assertThat(c.attempt("get", "recent_kernel").out()).isEqualTo("-1\n");
    }

    @Test
    void setSwitchRefusesValuesWithoutMeaningAndWritesNothing() throws Exception {
        var c = region("1.1");
        var before = Files.readAllBytes(c.file());
        for (var args : new String[][] {
                {"--utilization-switch", "2"}, {"--recent-kernel", "3"}, {"--recent-kernel", "x"}, {}}) {
            var all = new ArrayList<>(List.of("region", "set-switch", c.file().toString()));
            all.addAll(List.of(args));
            var run = CliRun.run("", all.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().lines()).hasSize(1);
        }
        assertThat(Files.readAllBytes(c.file())).isEqualTo(before);
    }

    @Test
    void helpListsTheRegionCommands() {
        var run = CliRun.run("", "region", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("dump", "set-switch");
    }
}
