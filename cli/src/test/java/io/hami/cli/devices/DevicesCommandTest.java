package io.hami.cli.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hami.cli.CliRun;
import io.hami.model.json.CanonicalJson;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code hami devices} in-process against the C mock. The machine is chosen through the mock's in-process
 * profile setter (this JVM cannot set its own NVML_MOCK_PROFILE); DevicesCommandProcessTest covers the variable.
 */
class DevicesCommandTest {

    private static final NvmlMock MOCK = NvmlMock.current();

    private static CliRun devices(String profile, String... more) {
        MOCK.useProfile(profile);
        var args = new ArrayList<>(List.of("devices", "--vendor", "nvidia", "--library", MOCK.library()));
        args.addAll(List.of(more));
        var run = CliRun.run("", args.toArray(String[]::new));
        assertThat(MOCK.initCount()).as("the command shuts NVML down").isZero();
        return run;
    }

    private static JsonNode json(CliRun run) throws Exception {
        return CanonicalJson.MAPPER.readTree(run.out());
    }

    @Test
    void listsTheEightA100sOfTheProfileAsJson() throws Exception {
        var run = devices(NvmlProfile.EIGHT_A100, "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        var array = json(run);
        var profile = NvmlProfile.load(NvmlProfile.EIGHT_A100);
        assertThat(array).hasSize(8);
        for (int i = 0; i < 8; i++) {
            var d = array.get(i);
            var g = profile.devices().get(i);
            assertThat(d.fieldNames()).toIterable().containsExactly("vendor", "index", "uuid", "name", "memoryTotalMiB",
                    "memoryUsedMiB", "minor", "pciBusId", "numa", "healthy", "migEnabled", "migDevices");
            assertThat(d.get("vendor").asText()).isEqualTo("nvidia");
            assertThat(d.get("index").asInt()).isEqualTo(i);
            assertThat(d.get("uuid").asText()).isEqualTo(g.uuid());
            assertThat(d.get("name").asText()).isEqualTo("NVIDIA A100-SXM4-40GB");
            assertThat(d.get("memoryTotalMiB").asLong()).isEqualTo(40960);
            assertThat(d.get("memoryUsedMiB").asLong()).isEqualTo(g.memoryUsedMiB());
            assertThat(d.get("minor").asInt()).isEqualTo(g.minor());
            assertThat(d.get("pciBusId").asText()).isEqualTo(g.pciBusId());
            assertThat(d.get("numa").asInt()).isEqualTo(g.numaNode().getAsInt());
            assertThat(d.get("healthy").asBoolean()).isTrue();
            assertThat(d.get("migEnabled").asBoolean()).isFalse();
            assertThat(d.get("migDevices").isArray()).isTrue();
            assertThat(d.get("migDevices")).isEmpty();
        }
    }

    @Test
    void printsAnAlignedTableByDefault() {
        var run = devices(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        assertThat(run.exitCode()).isZero();
        var lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("VENDOR  INDEX  UUID").contains("MEMORY USED/TOTAL (MiB)", "HEALTH", "MIG");
        assertThat(lines.get(1)).contains("GPU-v1000000-2b3c-4d5e-8f90-a1b2c3d4e5f6", "Tesla V100-PCIE-16GB",
                "4096 / 16384", "00000000:3B:00.0", "healthy", "n/a");
        assertThat(lines.get(2).indexOf("Tesla")).isEqualTo(lines.get(1).indexOf("Tesla"));
    }

    @Test
    void aLostGpuIsListedUnhealthyWithItsErrorOnStderr() throws Exception {
        var run = devices(NvmlProfile.GPU_LOST, "--json");
        assertThat(run.exitCode()).isZero();
        var array = json(run);
        assertThat(array).hasSize(4);
        assertThat(array.findValues("healthy")).extracting(JsonNode::asBoolean).containsExactly(true, false, false, true);
        assertThat(array.get(2).get("uuid").isNull()).isTrue();
        assertThat(array.get(1).get("memoryTotalMiB").isNull()).isTrue();
        assertThat(run.err().lines()).containsExactly(
                "hami: nvidia " + MOCK.library() + ": device 1 (GPU-1057a100-0000-4000-8000-000000000001): "
                        + "nvmlDeviceGetMemoryInfo_v2 failed: GPU_IS_LOST (15)",
                "hami: nvidia " + MOCK.library() + ": device 2: nvmlDeviceGetUUID failed: GPU_IS_LOST (15)");
    }

    @Test
    void aMigA100ShowsMigEnabled() throws Exception {
        var run = devices(NvmlProfile.MIG_A100, "--json");
        assertThat(json(run).get(0).get("migEnabled").asBoolean()).isTrue();
    }

    @Test
    void aGpuInMigModeHasItsMigDevicesInItsJsonObject() throws Exception {
        var run = devices(NvmlProfile.MIG_A100_40GB_MIXED, "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        var array = json(run);
        var migDevices = array.get(0).get("migDevices");
        assertThat(migDevices).hasSize(3);
        assertThat(migDevices.get(0).fieldNames()).toIterable()
                .containsExactly("gpuInstanceId", "computeInstanceId", "profile", "memoryMiB", "uuid");
        assertThat(migDevices.findValues("profile")).extracting(JsonNode::asText)
                .containsExactly("3g.20gb", "2g.10gb", "1g.5gb");
        assertThat(migDevices.findValues("gpuInstanceId")).extracting(JsonNode::asInt).containsExactly(1, 2, 3);
        assertThat(migDevices.findValues("computeInstanceId")).extracting(JsonNode::asInt).containsExactly(0, 0, 0);
        assertThat(migDevices.findValues("memoryMiB")).extracting(JsonNode::asLong).containsExactly(20096L, 9984L, 4864L);
        assertThat(migDevices.findValues("uuid")).extracting(JsonNode::asText)
                .allSatisfy(u -> assertThat(u).startsWith("MIG-")).doesNotHaveDuplicates();
        assertThat(array.get(1).get("migEnabled").asBoolean()).isFalse();
        assertThat(array.get(1).get("migDevices")).isEmpty();
    }

    @Test
    void theTableIndentsEachMigDeviceUnderItsGpu() throws Exception {
        var uuids = json(devices(NvmlProfile.MIG_A100_40GB_MIXED, "--json")).get(0).get("migDevices")
                .findValues("uuid").stream().map(JsonNode::asText).toList();
        var run = devices(NvmlProfile.MIG_A100_40GB_MIXED);
        assertThat(run.exitCode()).isZero();
        var lines = run.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).startsWith("nvidia").contains("GPU-a1004000-7c1d-4e2b-8f3a-6d5e4c3b2a10", "enabled");
        assertThat(lines.get(2)).isEqualTo("    MIG 3g.20gb  GI 1  CI 0  20096 MiB  " + uuids.get(0));
        assertThat(lines.get(3)).isEqualTo("    MIG 2g.10gb  GI 2  CI 0  9984 MiB   " + uuids.get(1));
        assertThat(lines.get(4)).isEqualTo("    MIG 1g.5gb   GI 3  CI 0  4864 MiB   " + uuids.get(2));
        assertThat(lines.get(5)).startsWith("nvidia").contains("GPU-a1004001-7c1d-4e2b-8f3a-6d5e4c3b2a11", "disabled");
    }

    @Test
    void aDriverThatDoesNotInitializeIsNotAvailable() {
        var run = devices(NvmlProfile.INIT_FAILS);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("NVIDIA NVML not available: " + MOCK.library() + ": nvmlInit_v2 failed: DRIVER_NOT_LOADED (9)\n");
    }

    @Test
    void aMissingLibraryIsOneLineAndExitThree() {
        var run = CliRun.run("", "devices", "--vendor", "nvidia", "--library", "/nonexistent/libnvidia-ml.so.1");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("NVIDIA NVML not available: /nonexistent/libnvidia-ml.so.1: cannot open shared object file\n");
    }

    @Test
    void aLibraryThatIsNotNvmlIsOneLineAndExitThree() {
        var path = NvmlMock.notNvmlLibrary().toString();
        var run = CliRun.run("", "devices", "--json", "--vendor", "nvidia", "--library", path);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("NVIDIA NVML not available: " + path
                + ": not an NVML library (it exports neither nvmlInit_v2 nor nvmlInit)\n");
    }

    @Test
    void helpNamesTheOptions() {
        var run = CliRun.run("", "devices", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--json", "--vendor", "--library", "mthreads");
    }
}
