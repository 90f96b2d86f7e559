package io.hami.testfixtures.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.bindings.region.MemoryUsage;
import io.hami.bindings.region.ProcessSlot;
import io.hami.bindings.region.RegionFormat;
import io.hami.bindings.region.RegionReader;
import io.hami.bindings.region.RegionWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Regions written by the C fixture, compiled against our header, read back by the Java reader field for field. */
class CrossLanguageRegionTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private RegionWriterFixture threeProcessRegion(RegionFormat format) {
        // The run measured on HAMi-core's own region code (docs/protocol.md, "The shared region"): limits 1000m
        // and 2g, core limit 30, priority 0; A books 1 MiB on device 0 and is given host pid 4242, B books 2 MiB on
        // device 1.
        return RegionWriterFixture.on(dir.resolve(format + ".cache"))
                .create(format.label(), "--limit", "0=1048576000", "--limit", "1=2147483648",
                        "--sm-limit", "0=30", "--sm-limit", "1=30", "--priority", "0", "--devices", "2")
                .run("register", "101", "4242")
                .run("register", "102")
                .run("alloc", "101", "0", String.valueOf(MIB))
                .run("alloc", "102", "1", String.valueOf(2 * MIB))
                .run("watch", "4242", "0", "3145728", "17")
                .run("kernel", "1767225600");
    }

    @ParameterizedTest
    @EnumSource(RegionFormat.class)
    void readsWhatHamiCoreProcessesWroteFieldForField(RegionFormat format) throws Exception {
        var c = threeProcessRegion(format);

        var snap = RegionReader.read(c.file());

        assertThat(snap.format()).isEqualTo(format);
        assertThat(snap.version()).isEqualTo(format.label());
        assertThat(snap.fileSize()).isEqualTo(format.minimumSize() + 1).isEqualTo(Files.size(c.file()));
        assertThat(snap.deviceCount()).isEqualTo(2);
        assertThat(snap.devices().get(0).uuid()).isEqualTo("GPU-0fc3eda5-0000-4000-8000-000000000000").hasSize(40);
        assertThat(snap.devices().get(1).uuid()).isEqualTo("GPU-0fc3eda6-0000-4000-8000-000000000001");
        assertThat(snap.devices().get(2).hasUuid()).isFalse();
        assertThat(snap.devices().get(0).limitBytes()).isEqualTo(1_048_576_000L);
        assertThat(snap.devices().get(1).limitBytes()).isEqualTo(2_147_483_648L);
        assertThat(snap.devices().get(0).smLimitPercent()).isEqualTo(30);
        assertThat(snap.devices().get(2).limitBytes()).isZero();
        assertThat(snap.procNum()).isEqualTo(2);
        assertThat(snap.utilizationSwitch()).isEqualTo(1);
        assertThat(snap.recentKernel()).isEqualTo(2);
        assertThat(snap.priority()).isEqualTo(OptionalInt.of(0));
        if (format.hasLastKernelTime()) {
            assertThat(snap.lastKernelTime()).hasValue(1_767_225_600L);
        } else {
            assertThat(snap.lastKernelTime()).isEmpty();
        }

        var a = snap.slots().get(0);
        assertThat(a).extracting(ProcessSlot::pid, ProcessSlot::hostPid, ProcessSlot::status, ProcessSlot::stale)
                .containsExactly(101, 4242, 1, false);
        assertThat(a.used(0)).isEqualTo(new MemoryUsage(0, 0, MIB, 0, MIB));
        assertThat(a.monitorUsed().get(0)).isEqualTo(3_145_728L);
        assertThat(a.smUtil().get(0)).isEqualTo(17L);
        var b = snap.slots().get(1);
        assertThat(b).extracting(ProcessSlot::pid, ProcessSlot::hostPid, ProcessSlot::status).containsExactly(102, 0, 1);
        assertThat(b.used(1)).isEqualTo(new MemoryUsage(0, 0, 2 * MIB, 0, 2 * MIB));
        assertThat(snap.usedBytes(0)).isEqualTo(MIB);
        assertThat(snap.usedBytes(1)).isEqualTo(2 * MIB);
        assertThat(snap.smUtil(0)).isEqualTo(17);
    }

    @ParameterizedTest
    @EnumSource(RegionFormat.class)
    void exitsLeaveStaleSlotsUntilTheNextProcessCompactsTheTable(RegionFormat format) throws Exception {
        var c = threeProcessRegion(format).run("exit", "101");
        var afterA = RegionReader.read(c.file());
        assertThat(afterA.procNum()).isEqualTo(2);
        assertThat(afterA.slots().get(0)).extracting(ProcessSlot::pid, ProcessSlot::status).containsExactly(0, 0);
        assertThat(afterA.slots().get(0).used(0).total()).as("used[] is kept").isEqualTo(MIB);
        assertThat(afterA.activeSlots()).extracting(ProcessSlot::pid).containsExactly(102);
        assertThat(afterA.usedBytes(0)).isZero();

        c.run("exit", "102").run("register", "103");
        var afterC = RegionReader.read(c.file());
        assertThat(afterC.procNum()).isEqualTo(1);
        assertThat(afterC.slots().getFirst()).extracting(ProcessSlot::pid, ProcessSlot::status).containsExactly(103, 1);
        assertThat(afterC.usedBytes(1)).isZero();
    }

    @Test
    void aCrashedProcessKeepsCountingAndASuspendedOneToo() throws Exception {
        var c = threeProcessRegion(RegionFormat.V1_2).run("status", "102", "2");
        // process 101 is killed: nothing runs, its slot stays as it was
        var snap = RegionReader.read(c.file());
        assertThat(snap.activeSlots()).extracting(ProcessSlot::pid, ProcessSlot::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(101, 1), org.assertj.core.groups.Tuple.tuple(102, 2));
        assertThat(snap.usedBytes(0)).isEqualTo(MIB);
    }

    @Test
    void theMemoryLimitRefusesAnAllocationAndBooksNothing() throws Exception {
        var c = threeProcessRegion(RegionFormat.V1_2);
        var refused = c.attempt("alloc", "102", "1", String.valueOf(2_147_483_648L));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(RegionReader.read(c.file()).usedBytes(1)).isEqualTo(2 * MIB);
        c.run("free", "102", "1", String.valueOf(MIB));
        assertThat(RegionReader.read(c.file()).usedBytes(1)).isEqualTo(MIB);
    }

    @ParameterizedTest
    @EnumSource(RegionFormat.class)
    void hamiCoreSeesTheSwitchesJavaWrites(RegionFormat format) throws Exception {
        var c = threeProcessRegion(format);
        try (var writer = RegionWriter.open(c.file())) {
            writer.putUtilizationSwitchRelease(0);
            writer.putRecentKernelRelease(-1);
        }
        assertThat(c.attempt("get", "utilization_switch").out()).isEqualTo("0\n");
        assertThat(c.attempt("get", "recent_kernel").out()).isEqualTo("-1\n");
        assertThat(c.attempt("get", "proc_num").out()).isEqualTo("2\n");
    }

    @Test
    void aRegionInItsInitializationWindowIsNotARegionYet() throws Exception {
        var c = RegionWriterFixture.on(dir.resolve("init.cache")).create("1.2", "--uninitialized");
        assertThat(Files.size(c.file())).isEqualTo(2_008_953);
        assertThatThrownBy(() -> RegionReader.read(c.file())).isInstanceOf(InvalidRegionException.class)
                .hasMessage("not a HAMi-core region: magic 0x00000000");
    }

    @Test
    void clampsTheHostileCountsAContainerWrote() throws Exception {
        var c = threeProcessRegion(RegionFormat.V1_2)
                .run("set", "proc_num", "2147483647")
                .run("set", "device_num", "-1")
                .run("set", "priority", "2147483647");
        var snap = RegionReader.read(c.file());
        assertThat(snap.procNum()).isEqualTo(1024);
        assertThat(snap.deviceCount()).isEqualTo(16);
        assertThat(snap.priority()).isEmpty();
        assertThat(snap.activeSlots()).extracting(ProcessSlot::pid).containsExactly(101, 102);
    }
}
