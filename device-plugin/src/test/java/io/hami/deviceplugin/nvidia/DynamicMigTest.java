package io.hami.deviceplugin.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.nvml.MigDevice;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlApi;
import io.hami.bindings.nvml.NvmlMigApi;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import io.hami.testfixtures.nvml.NvmlMock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic MIG against the C NVML mock's A100-SXM4-40GB: registration, instances made and refused, reconciliation. */
class DynamicMigTest {

    static final String GPU0 = "GPU-d1004000-7c1d-4e2b-8f3a-6d5e4c3b2a10";
    static final String GPU1 = "GPU-d1004001-7c1d-4e2b-8f3a-6d5e4c3b2a11";

    /** Two A100-SXM4-40GB: GPU 0 in MIG mode without instances, GPU 1 with MIG off. */
    static final String MACHINE = """
            {"driverVersion": "550.54.15", "nvmlVersion": "12.550.54.15", "cudaDriverVersion": 12040, "devices": [
              {"uuid": "%s", "name": "NVIDIA A100-SXM4-40GB", "minor": 0, "memoryTotalMiB": 40960,
               "memoryReservedMiB": 512, "memoryUsedMiB": 0, "pciBusId": "00000000:07:00.0", "pciDeviceId": "0x20B010DE",
               "numaNode": 0, "migMode": {"current": 1, "pending": 1}, "architecture": 7,
               "computeCapability": {"major": 8, "minor": 0}, "migProfiles": "A100-SXM4-40GB"},
              {"uuid": "%s", "name": "NVIDIA A100-SXM4-40GB", "minor": 1, "memoryTotalMiB": 40960,
               "memoryReservedMiB": 512, "memoryUsedMiB": 0, "pciBusId": "00000000:0F:00.0", "pciDeviceId": "0x20B010DE",
               "numaNode": 0, "migMode": {"current": 0, "pending": 0}, "architecture": 7,
               "computeCapability": {"major": 8, "minor": 0}, "migProfiles": "A100-SXM4-40GB"}]}
            """.formatted(GPU0, GPU1);

    @TempDir
    Path tmp;

    private NvmlApi api;
    private Nvml nvml;
    private DynamicMig mig;
    private Path lock;
    private Nvml.Session session;

    @BeforeEach
    void machine() throws IOException {
        api = NvmlMock.current().useProfileText(MACHINE).api();
        nvml = new Nvml(api, Path.of("/nonexistent-sysfs"));
        session = nvml.start();
        lock = tmp.resolve("hami/hami-mig-apply.lock");
        mig = new DynamicMig(nvml, lock, new MigDeviceNodes(capabilities(tmp.resolve("proc"))), List.of());
    }

    @AfterEach
    void shutdown() {
        session.close();
    }

    /** The driver's capability files for every instance the mock can number on GPUs 0 and 1. */
    static Path capabilities(Path proc) throws IOException {
        for (int minor = 0; minor < 2; minor++) {
            for (int gi = 0; gi < 16; gi++) {
                var giDir = Files.createDirectories(proc.resolve("driver/nvidia/capabilities/gpu" + minor + "/mig/gi" + gi));
                Files.writeString(giDir.resolve("access"), "DeviceFileMinor: " + (100 + gi) + "\n");
                for (int ci = 0; ci < 8; ci++) {
                    var ciDir = Files.createDirectories(giDir.resolve("ci" + ci));
                    Files.writeString(ciDir.resolve("access"), "DeviceFileMinor: " + (200 + 10 * gi + ci) + "\n");
                }
            }
        }
        return proc;
    }

    private static MigAllocation reservation(int container, String gpu, String profile, long start, long size) {
        return new MigAllocation(container, 0, gpu, profile, new MigPlacement(start, size), null);
    }

    private List<MigDevice> devices() {
        return nvml.mig().devices(nvml.deviceByUuid(GPU0));
    }

    @Test
    void registersOnlyTheGpuInMigModeWithNvmlsProfilesPlacementsAndCores() {
        var capacities = mig.capacities();

        assertThat(capacities).containsOnlyKeys(GPU0);
        var a100 = capacities.get(GPU0);
        assertThat(a100.count()).isEqualTo(7);
        assertThat(a100.memoryMiB()).isEqualTo(40960);
        assertThat(a100.profiles()).extracting(MigProfile::name)
                .containsExactly("1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb");
        assertThat(a100.profiles()).extracting(MigProfile::core).containsExactly(15, 29, 43, 58, 100);
        assertThat(a100.profiles().getFirst()).isEqualTo(new MigProfile("1g.5gb", 4864, 15, 1, List.of(
                new MigPlacement(0, 1), new MigPlacement(1, 1), new MigPlacement(2, 1), new MigPlacement(3, 1),
                new MigPlacement(4, 1), new MigPlacement(5, 1), new MigPlacement(6, 1))));
        assertThat(a100.profiles().get(2).placements()).containsExactly(new MigPlacement(0, 4), new MigPlacement(4, 4));
    }

    @Test
    void anAllowlistEntryNamingTheModelPicksTheProfilesInItsOrderAndARefusedProfileIsNotMade() throws IOException {
        var allowlist = List.of(new NvidiaConfig.MigAllowlistEntry(List.of("A30"), List.of("1g.6gb")),
                new NvidiaConfig.MigAllowlistEntry(List.of("A100-SXM4-40GB"), List.of("7g.40gb", "1g.5gb", "1g.10gb")));
        var listed = new DynamicMig(nvml, lock, new MigDeviceNodes(tmp.resolve("proc")), allowlist);

        assertThat(listed.capacities().get(GPU0).profiles()).extracting(MigProfile::name)
                .containsExactly("7g.40gb", "1g.5gb");
        assertThatThrownBy(() -> listed.realize(reservation(0, GPU0, "3g.20gb", 0, 4)))
                .hasMessageEndingWith("the GPU has no such profile (it has [7g.40gb, 1g.5gb])");
        var elsewhere = new DynamicMig(nvml, lock, new MigDeviceNodes(tmp.resolve("proc")),
                List.of(new NvidiaConfig.MigAllowlistEntry(List.of("H100"), List.of("1g.10gb"))));
        assertThat(elsewhere.capacities()).isEmpty();
    }

    @Test
    void makesTheReservedInstanceAndHandsOutItsNodesAndLeavesNoApplyLock() {
        var realized = mig.realize(reservation(0, GPU0, "3g.20gb", 4, 4));

        assertThat(realized.made()).isTrue();
        var device = realized.unit().device();
        assertThat(device.profile()).isEqualTo("3g.20gb");
        assertThat(device.placement()).isEqualTo(new io.hami.bindings.nvml.MigPlacement(4, 4));
        assertThat(devices()).extracting(MigDevice::uuid).containsExactly(device.uuid());
        int gi = device.gpuInstanceId();
        int ci = device.computeInstanceId();
        assertThat(realized.unit().deviceNodes()).containsExactly("/dev/nvidia0",
                "/dev/nvidia-caps/nvidia-cap" + (100 + gi), "/dev/nvidia-caps/nvidia-cap" + (200 + 10 * gi + ci));
        assertThat(lock).doesNotExist();
    }

    @Test
    void aRetriedReservationGetsTheInstanceItMadeBefore() {
        var first = mig.realize(reservation(0, GPU0, "1g.5gb", 6, 1));
        var again = mig.realize(reservation(0, GPU0, "1g.5gb", 6, 1));

        assertThat(again.made()).isFalse();
        assertThat(again.unit().uuid()).isEqualTo(first.unit().uuid());
        assertThat(devices()).hasSize(1);
    }

    @Test
    void refusesAProfileTheGpuLacksNamingWhatItHas() {
        assertThatThrownBy(() -> mig.realize(reservation(0, GPU0, "1g.10gb", 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MIG reservation 1g.10gb at {start 0, size 1} on GPU " + GPU0 + ": the GPU has no such "
                        + "profile (it has [1g.5gb, 2g.10gb, 3g.20gb, 4g.20gb, 7g.40gb])");
        assertThat(devices()).isEmpty();
    }

    @Test
    void refusesAPlacementOverlappingAnInstanceAndMakesNothing() {
        var held = mig.realize(reservation(0, GPU0, "3g.20gb", 0, 4));

        assertThatThrownBy(() -> mig.realize(reservation(1, GPU0, "2g.10gb", 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MIG reservation 2g.10gb at {start 2, size 2} on GPU " + GPU0 + ": the placement overlaps "
                        + "GPU instance " + held.unit().device().gpuInstanceId() + " (3g.20gb at {start 0, size 4})");
        assertThat(devices()).extracting(MigDevice::uuid).containsExactly(held.unit().uuid());
    }

    @Test
    void refusesAPlacementTheProfileDoesNotHave() {
        assertThatThrownBy(() -> mig.realize(reservation(0, GPU0, "2g.10gb", 1, 2)))
                .hasMessage("MIG reservation 2g.10gb at {start 1, size 2} on GPU " + GPU0 + ": the profile cannot be "
                        + "placed there (its placements: [{start 0, size 2}, {start 2, size 2}, {start 4, size 2}])");
    }

    @Test
    void refusesAGpuWhoseMigModeIsOff() {
        assertThatThrownBy(() -> mig.realize(reservation(0, GPU1, "1g.5gb", 0, 1)))
                .hasMessage("MIG reservation 1g.5gb at {start 0, size 1} on GPU " + GPU1 + ": MIG mode is off on the GPU");
    }

    @Test
    void refusesAGpuOfAnotherNode() {
        assertThatThrownBy(() -> mig.realize(reservation(0, "GPU-elsewhere", "1g.5gb", 0, 1)))
                .hasMessageStartingWith("MIG reservation 1g.5gb at {start 0, size 1} on GPU GPU-elsewhere: the GPU is "
                        + "not one of this node's (nvmlDeviceGetHandleByUUID failed: ");
    }

    @Test
    void reconcilingKeepsOwnedInstancesAndDestroysTheOthers() {
        var owned = mig.realize(reservation(0, GPU0, "1g.5gb", 6, 1));
        var orphan = mig.realize(reservation(0, GPU0, "3g.20gb", 0, 4));

        var destroyed = mig.reconcile(() -> List.of(reservation(0, GPU0, "1g.5gb", 6, 1)));

        assertThat(destroyed).containsExactly(GPU0 + "/gi" + orphan.unit().device().gpuInstanceId());
        assertThat(devices()).extracting(MigDevice::uuid).containsExactly(owned.unit().uuid());
        assertThat(lock).doesNotExist();
    }

    @Test
    void reconcilingDestroysAHalfMadeInstanceEvenWhenAPodReservesItsPlacement() {
        var gpu = api.deviceHandleByUuid(GPU0).orThrow();
        int oneSlice = -1;
        for (int index = 0; index < NvmlMigApi.GPU_INSTANCE_PROFILE_COUNT && oneSlice < 0; index++) {
            var p = api.deviceGpuInstanceProfileInfo(gpu, index);
            if (p.ok() && p.value().shortName().equals("1g.5gb")) {
                oneSlice = p.value().id();
            }
        }
        // a GPU instance without its compute instance: the plugin died between the two calls
        api.deviceCreateGpuInstanceWithPlacement(gpu, oneSlice, new io.hami.bindings.nvml.MigPlacement(5, 1)).orThrow();
        assertThat(nvml.mig().gpuInstances(gpu)).hasSize(1);
        assertThat(devices()).isEmpty();

        var destroyed = mig.reconcile(() -> List.of(reservation(0, GPU0, "1g.5gb", 5, 1)));

        assertThat(destroyed).hasSize(1);
        assertThat(nvml.mig().gpuInstances(gpu)).isEmpty();
        // the owner's Allocate then makes it whole
        assertThat(mig.realize(reservation(0, GPU0, "1g.5gb", 5, 1)).made()).isTrue();
    }

    @Test
    void aFailedListOfOwnersDestroysNothing() {
        mig.realize(reservation(0, GPU0, "1g.5gb", 6, 1));

        assertThatThrownBy(() -> mig.reconcile(() -> {
            throw new IllegalStateException("pod default/x: bad reservations");
        })).hasMessage("pod default/x: bad reservations");
        assertThat(devices()).hasSize(1);
    }

    @Test
    void destroyingReleasesTheSlicesForAnotherProfile() {
        var small = new ArrayList<DynamicMig.Realized>();
        small.add(mig.realize(reservation(0, GPU0, "1g.5gb", 0, 1)));
        mig.destroy(GPU0, small.getFirst().unit().device().gpuInstanceId());

        assertThat(mig.realize(reservation(1, GPU0, "7g.40gb", 0, 8)).made()).isTrue();
    }
}
