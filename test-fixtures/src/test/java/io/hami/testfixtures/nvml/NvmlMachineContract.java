package io.hami.testfixtures.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.nvml.DeviceArchitecture;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine profiles, read back through the facade: every number of the profile comes out as the profile
 * says, for the Java fake and the C mock alike. Faults are {@link NvmlFaultContract}'s.
 */
abstract class NvmlMachineContract {

    static final long MIB = 1024L * 1024L;

    /** A fresh, uninitialized NVML answering from {@code profile}. */
    protected abstract NvmlApi machine(NvmlProfile profile);

    private final List<Nvml.Session> sessions = new ArrayList<>();

    /** A facade on the machine with a session open for the test; sysfs for NUMA fallbacks at {@code sysfs}. */
    protected Nvml open(NvmlProfile profile, Path sysfs) {
        var nvml = new Nvml(machine(profile), sysfs);
        sessions.add(nvml.start());
        return nvml;
    }

    protected Nvml open(String profile) {
        return open(NvmlProfile.load(profile), Path.of("/nonexistent-sysfs"));
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(Nvml.Session::close);
    }

    @Test
    void theSurveyOfEightA100sIsTheProfile() {
        var profile = NvmlProfile.load(NvmlProfile.EIGHT_A100);
        var survey = open(NvmlProfile.EIGHT_A100).survey();
        assertThat(survey).hasSize(8);
        for (int i = 0; i < 8; i++) {
            var s = survey.get(i);
            var g = profile.devices().get(i);
            assertThat(s.uuid()).contains(g.uuid());
            assertThat(s.name()).contains("NVIDIA A100-SXM4-40GB");
            assertThat(s.memoryTotalMiB()).isEqualTo(OptionalLong.of(40960));
            assertThat(s.memoryUsedMiB()).isEqualTo(OptionalLong.of(g.memoryUsedMiB()));
            assertThat(s.minor()).isEqualTo(OptionalInt.of(i));
            assertThat(s.pciBusId()).contains(g.pciBusId());
            assertThat(s.numa()).isEqualTo(OptionalInt.of(i < 4 ? 0 : 1));
            assertThat(s.migEnabled()).contains(false);
            assertThat(s.healthy()).isTrue();
        }
    }

    @Test
    void memoryReportsReservedApartInV2AndInsideUsedInV1() {
        var nvml = open(NvmlProfile.EIGHT_A100);
        var d = nvml.device(3);
        var v2 = nvml.api().deviceMemoryInfoV2(d).orThrow();
        var v1 = nvml.api().deviceMemoryInfo(d).orThrow();
        assertThat(v2.reserved()).isEqualTo(OptionalLong.of(425 * MIB));
        assertThat(v2.used()).isEqualTo(10240 * MIB);
        assertThat(v2.free()).isEqualTo((40960 - 10240 - 425) * MIB);
        assertThat(v1.used()).isEqualTo((10240 + 425) * MIB);
        assertThat(v1.free() + v1.used()).isEqualTo(v1.total());
        assertThat(nvml.memory(d)).contains(v2);
    }

    @Test
    void deviceFactsAreTheProfiles() {
        var nvml = open(NvmlProfile.EIGHT_A100);
        var d = nvml.device(0);
        assertThat(nvml.serial(d)).contains("1321020000000");
        assertThat(nvml.bar1Memory(d).orElseThrow().used()).isEqualTo(2 * MIB);
        assertThat(nvml.utilization(d).orElseThrow().gpu()).isEqualTo(37);
        assertThat(nvml.temperature(d)).isEqualTo(OptionalInt.of(30));
        assertThat(nvml.powerUsage(d)).isEqualTo(OptionalInt.of(56000));
        assertThat(nvml.architecture(d)).contains(DeviceArchitecture.AMPERE);
        assertThat(nvml.computeCapability(d).orElseThrow()).hasToString("8.0");
        var pci = nvml.pciInfo(d);
        assertThat(pci.deviceId()).isEqualTo(0x20B0);
        assertThat(pci.pciSubSystemId()).isEqualTo(0x134F10DE);
        assertThat(pci.sysfsName()).isEqualTo("0000:07:00.0");
        assertThat(nvml.driverVersion()).isEqualTo("550.54.15");
        assertThat(nvml.cudaDriverVersion()).isEqualTo(12040);
    }

    @Test
    void processesOutsideMigHaveNoInstanceIds() {
        var nvml = open(NvmlProfile.EIGHT_A100);
        var processes = nvml.computeProcesses(nvml.device(0)).orElseThrow();
        assertThat(processes).extracting(p -> p.pid()).containsExactly(4242L, 4243L);
        assertThat(processes).extracting(p -> p.usedGpuMemory().getAsLong()).containsExactly(1536 * MIB, 512 * MIB);
        assertThat(processes).allSatisfy(p -> {
            assertThat(p.gpuInstanceId()).isEmpty();
            assertThat(p.computeInstanceId()).isEmpty();
        });
        assertThat(nvml.computeProcesses(nvml.device(1)).orElseThrow()).isEmpty();
    }

    @Test
    void twoV100sSitOnTwoNumaNodesWithoutMigBar1OrSerial() {
        var nvml = open(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        var d0 = nvml.device(0);
        var d1 = nvml.device(1);
        assertThat(nvml.numaNode(d0)).isEqualTo(OptionalInt.of(0));
        assertThat(nvml.numaNode(d1)).isEqualTo(OptionalInt.of(1));
        assertThat(nvml.migMode(d0)).isEmpty();
        assertThat(nvml.bar1Memory(d0)).isEmpty();
        assertThat(nvml.serial(d0)).isEmpty();
        assertThat(nvml.architecture(d1)).contains(DeviceArchitecture.VOLTA);
        assertThat(nvml.survey()).extracting(s -> s.migEnabled().isPresent()).containsExactly(false, false);
    }

    @Test
    void aNumaNodeTheDriverDoesNotReportIsReadFromSysfs(@TempDir Path sysfs) throws Exception {
        var text = NvmlProfile.load(NvmlProfile.TWO_V100_TWO_NUMA_NODES).text()
                .replace("\"numaNode\": 0,", "\"faults\": {\"nvmlDeviceGetNumaNodeId\": \"NOT_SUPPORTED\"},")
                .replace("\"numaNode\": 1,", "");
        var dev0 = Files.createDirectories(sysfs.resolve("bus/pci/devices/0000:3b:00.0"));
        Files.writeString(dev0.resolve("numa_node"), "1\n");
        var dev1 = Files.createDirectories(sysfs.resolve("bus/pci/devices/0000:af:00.0"));
        Files.writeString(dev1.resolve("numa_node"), "-1\n");
        var nvml = open(NvmlProfile.parse("numa-from-sysfs", text), sysfs);
        assertThat(nvml.numaNode(nvml.device(0))).isEqualTo(OptionalInt.of(1));
        assertThat(nvml.numaNode(nvml.device(1))).isEmpty();
    }

    @Test
    void aMigA100ReportsItsModeAndTheInstancesOfItsProcesses() {
        var nvml = open(NvmlProfile.MIG_A100);
        var d = nvml.device(0);
        assertThat(nvml.migMode(d).orElseThrow().current()).isTrue();
        assertThat(nvml.migMode(d).orElseThrow().pending()).isTrue();
        var processes = nvml.computeProcesses(d).orElseThrow();
        assertThat(processes).extracting(p -> p.gpuInstanceId().getAsInt()).containsExactly(1, 2);
        assertThat(processes).extracting(p -> p.computeInstanceId().getAsInt()).containsExactly(0, 0);
        assertThat(processes.get(0).usedGpuMemory()).isEqualTo(OptionalLong.of(9984 * MIB));
        assertThat(processes.get(1).usedGpuMemory()).isEmpty();
        assertThat(nvml.survey().getFirst().migEnabled()).contains(true);
    }
}
