package io.hami.testfixtures.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.bindings.discovery.DiscoveredMigDevice;
import io.hami.bindings.nvml.GpuInstanceProfile;
import io.hami.bindings.nvml.MigDevice;
import io.hami.bindings.nvml.MigMode;
import io.hami.bindings.nvml.MigPlacement;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlApi;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlReturn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MIG bindings against a machine: the drivers' profile tables and placements of A100-SXM4-40GB and H100 80GB,
 * the MIG devices of existing instances, and instance creation and destruction with the driver's constraints.
 */
abstract class NvmlMigContract {

    /** A fresh, uninitialized NVML answering from the profile text. */
    protected abstract NvmlApi machine(String profileText);

    private final List<Nvml.Session> sessions = new ArrayList<>();

    private Nvml open(String profile) {
        return openText(NvmlProfile.load(profile).text());
    }

    private Nvml openText(String text) {
        var nvml = new Nvml(machine(text), Path.of("/nonexistent-sysfs"));
        sessions.add(nvml.start());
        return nvml;
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(Nvml.Session::close);
    }

    private static GpuInstanceProfile named(List<GpuInstanceProfile> profiles, String name) {
        return profiles.stream().filter(p -> p.shortName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anA100With40GbOffersTheDriversProfileTable() {
        var nvml = open(NvmlProfile.MIG_A100_40GB_MIXED);
        var profiles = nvml.mig().profiles(nvml.device(0));
        assertThat(profiles).extracting(GpuInstanceProfile::name)
                .containsExactly("MIG 1g.5gb", "MIG 2g.10gb", "MIG 3g.20gb", "MIG 4g.20gb", "MIG 7g.40gb");
        assertThat(profiles).extracting(GpuInstanceProfile::id).containsExactly(19, 14, 9, 5, 0);
        assertThat(profiles).extracting(GpuInstanceProfile::sliceCount).containsExactly(1, 2, 3, 4, 7);
        assertThat(profiles).extracting(GpuInstanceProfile::instanceCount).containsExactly(7, 3, 2, 1, 1);
        assertThat(profiles).extracting(GpuInstanceProfile::memorySizeMiB).containsExactly(4864L, 9984L, 20096L, 20096L, 40448L);
        assertThat(profiles).extracting(GpuInstanceProfile::multiprocessorCount).containsExactly(14, 28, 42, 56, 98);
    }

    @Test
    void anH100With80GbOffersTheDriversProfileTable() {
        var nvml = open(NvmlProfile.MIG_H100_SINGLE);
        var profiles = nvml.mig().profiles(nvml.device(0));
        assertThat(profiles).extracting(GpuInstanceProfile::shortName)
                .containsExactly("1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb", "1g.20gb");
        assertThat(named(profiles, "1g.20gb").id()).isEqualTo(15);
        assertThat(named(profiles, "7g.80gb").memorySizeMiB()).isEqualTo(81152L);
        assertThat(named(profiles, "7g.80gb").multiprocessorCount()).isEqualTo(132);
    }

    @Test
    void placementsAreTheDriversInMemorySlices() {
        var nvml = open(NvmlProfile.MIG_A100_40GB_MIXED);
        var gpu = nvml.device(0);
        var profiles = nvml.mig().profiles(gpu);
        assertThat(nvml.mig().placements(gpu, named(profiles, "1g.5gb"))).extracting(MigPlacement::start)
                .containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(nvml.mig().placements(gpu, named(profiles, "2g.10gb")))
                .containsExactly(new MigPlacement(0, 2), new MigPlacement(2, 2), new MigPlacement(4, 2));
        assertThat(nvml.mig().placements(gpu, named(profiles, "3g.20gb")))
                .containsExactly(new MigPlacement(0, 4), new MigPlacement(4, 4));
        assertThat(nvml.mig().placements(gpu, named(profiles, "7g.40gb"))).containsExactly(new MigPlacement(0, 8));
    }

    @Test
    void existingInstancesAreMigDevicesWithTheirOwnUuidsAndMemory() {
        var nvml = open(NvmlProfile.MIG_A100_40GB_MIXED);
        var gpu = nvml.device(0);
        var devices = nvml.mig().devices(gpu);
        assertThat(devices).extracting(MigDevice::profile).containsExactly("3g.20gb", "2g.10gb", "1g.5gb");
        assertThat(devices).extracting(MigDevice::memoryMiB).containsExactly(20096L, 9984L, 4864L);
        assertThat(devices).extracting(MigDevice::placement)
                .containsExactly(new MigPlacement(0, 4), new MigPlacement(4, 2), new MigPlacement(6, 1));
        assertThat(devices).extracting(MigDevice::parentUuid).containsOnly(nvml.uuid(gpu));
        assertThat(devices).extracting(MigDevice::uuid).allSatisfy(u -> assertThat(u).startsWith("MIG-")).doesNotHaveDuplicates();
        assertThat(devices.getFirst().attributes()).hasValueSatisfying(a -> {
            assertThat(a.gpuInstanceSliceCount()).isEqualTo(3);
            assertThat(a.multiprocessorCount()).isEqualTo(42);
            assertThat(a.memorySizeMiB()).isEqualTo(20096L);
        });
        var mig = nvml.deviceByUuid(devices.get(1).uuid());
        assertThat(nvml.api().deviceIsMigDeviceHandle(mig).orThrow()).isTrue();
        assertThat(nvml.api().deviceIsMigDeviceHandle(gpu).orThrow()).isFalse();
        assertThat(nvml.api().deviceHandleFromMigDeviceHandle(mig).orThrow()).isEqualTo(gpu);
        assertThat(nvml.minor(mig)).isEqualTo(0);
    }

    @Test
    void theDiscoveryListsTheMigDevicesOfAGpuInMigModeAndNoneOfAGpuWithMigOff() {
        var nvml = open(NvmlProfile.MIG_A100_40GB_MIXED);
        var expected = nvml.mig().devices(nvml.device(0));
        var listed = nvml.discovery().discover();
        assertThat(listed).extracting(DiscoveredDevice::migEnabled).containsExactly(Optional.of(true), Optional.of(false));
        assertThat(listed.get(0).healthy()).isTrue();
        assertThat(listed.get(0).migDevices()).containsExactly(
                new DiscoveredMigDevice(1, 0, "3g.20gb", 20096, expected.get(0).uuid()),
                new DiscoveredMigDevice(2, 0, "2g.10gb", 9984, expected.get(1).uuid()),
                new DiscoveredMigDevice(3, 0, "1g.5gb", 4864, expected.get(2).uuid()));
        assertThat(listed.get(1).migDevices()).isEmpty();
    }

    @Test
    void theDiscoveryListsInstancesAsTheyAreNowAfterOneIsDestroyedAndAnotherMade() {
        var nvml = open(NvmlProfile.MIG_A100_40GB_MIXED);
        var gpu = nvml.device(0);
        nvml.mig().destroyInstance(gpu, 3);
        var made = nvml.mig().createInstance(gpu, named(nvml.mig().profiles(gpu), "1g.5gb"), new MigPlacement(6, 1));
        assertThat(nvml.discovery().discover().getFirst().migDevices())
                .extracting(DiscoveredMigDevice::gpuInstanceId, DiscoveredMigDevice::profile, DiscoveredMigDevice::uuid)
                .containsExactly(tuple(1, "3g.20gb", nvml.mig().devices(gpu).get(0).uuid()),
                        tuple(2, "2g.10gb", nvml.mig().devices(gpu).get(1).uuid()), tuple(3, "1g.5gb", made.uuid()));
    }

    @Test
    void aGpuWithMigOffHasNoMigDevicesAndNoInstanceCalls() {
        var nvml = open(NvmlProfile.MIG_A100_40GB_MIXED);
        var gpu = nvml.device(1);
        assertThat(nvml.mig().mode(gpu)).contains(new MigMode(false, false));
        assertThat(nvml.mig().devices(gpu)).isEmpty();
        assertThat(nvml.mig().profiles(gpu)).isEmpty();
        assertThat(nvml.api().deviceGpuInstanceById(gpu, 1).status()).isEqualTo(NvmlReturn.NOT_SUPPORTED);
    }

    @Test
    void aGpuWithoutMigHasNeitherProfilesNorMigDevices() {
        var nvml = open(NvmlProfile.EIGHT_A100);
        assertThat(nvml.mig().profiles(nvml.device(0))).isEmpty();
        assertThat(nvml.mig().devices(nvml.device(0))).isEmpty();
    }

    @Test
    void anOverlappingPlacementIsRefusedForWantOfResources() {
        var nvml = open(NvmlProfile.MIG_A100_40GB_MIXED);
        var gpu = nvml.device(0);
        var oneSlice = named(nvml.mig().profiles(gpu), "1g.5gb");
        var r = nvml.api().deviceCreateGpuInstanceWithPlacement(gpu, oneSlice.id(), new MigPlacement(5, 1));
        assertThat(r.status()).isEqualTo(NvmlReturn.INSUFFICIENT_RESOURCES);
        assertThat(nvml.api().deviceGpuInstanceRemainingCapacity(gpu, oneSlice.id()).orThrow()).isZero();
        assertThat(nvml.api().deviceCreateGpuInstanceWithPlacement(gpu, oneSlice.id(), new MigPlacement(7, 1)).status())
                .as("a start the profile does not offer").isEqualTo(NvmlReturn.INVALID_ARGUMENT);
        assertThat(nvml.mig().devices(gpu)).hasSize(3);
    }

    @Test
    void destroyingAnInstanceFreesItsSlicesForAnotherProfile() {
        var nvml = open(NvmlProfile.MIG_A100_40GB_MIXED);
        var gpu = nvml.device(0);
        var mig = nvml.mig();
        var profiles = mig.profiles(gpu);
        var threeSlice = mig.devices(gpu).getFirst();
        var gi = nvml.api().deviceGpuInstanceById(gpu, threeSlice.gpuInstanceId()).orThrow();
        assertThat(nvml.api().gpuInstanceDestroy(gi).status()).as("while its compute instance lives")
                .isEqualTo(NvmlReturn.IN_USE);

        mig.destroyInstance(gpu, threeSlice.gpuInstanceId());
        assertThat(mig.devices(gpu)).extracting(MigDevice::profile).containsExactly("2g.10gb", "1g.5gb");
        assertThatThrownBy(() -> nvml.uuid(nvml.deviceByUuid(threeSlice.uuid()))).isInstanceOf(NvmlException.class);

        var created = mig.createInstance(gpu, named(profiles, "4g.20gb"), new MigPlacement(0, 4));
        assertThat(created.profile()).isEqualTo("4g.20gb");
        assertThat(created.memoryMiB()).isEqualTo(20096L);
        assertThat(created.uuid()).isNotEqualTo(threeSlice.uuid());
        assertThat(mig.devices(gpu)).extracting(MigDevice::profile).containsExactlyInAnyOrder("4g.20gb", "2g.10gb", "1g.5gb");
    }

    @Test
    void aComputeInstanceThatCannotBeMadeLeavesNoGpuInstanceBehind() {
        var text = NvmlProfile.load(NvmlProfile.MIG_A100_40GB_MIXED).text().replace("\"migProfiles\": \"A100-SXM4-40GB\",\n",
                "\"migProfiles\": \"A100-SXM4-40GB\",\n      \"faults\": {\"nvmlGpuInstanceCreateComputeInstance\": \"NO_PERMISSION\"},\n");
        var nvml = openText(text);
        var gpu = nvml.device(0);
        var mig = nvml.mig();
        mig.destroyInstance(gpu, mig.devices(gpu).getFirst().gpuInstanceId());
        var threeSlice = named(mig.profiles(gpu), "3g.20gb");

        assertThatThrownBy(() -> mig.createInstance(gpu, threeSlice, new MigPlacement(0, 4)))
                .hasMessage("nvmlGpuInstanceCreateComputeInstance failed: NO_PERMISSION (4)");
        assertThat(nvml.api().deviceGpuInstances(gpu, threeSlice.id()).orThrow()).isEmpty();
        assertThat(nvml.api().deviceGpuInstanceRemainingCapacity(gpu, threeSlice.id()).orThrow()).isEqualTo(1);
    }

    @Test
    void aFullH100TakesNoFurtherInstance() {
        var nvml = open(NvmlProfile.MIG_H100_SINGLE);
        NvmlDevice gpu = nvml.device(1);
        var profiles = nvml.mig().profiles(gpu);
        assertThat(nvml.mig().devices(gpu)).extracting(MigDevice::profile).containsExactly("3g.40gb", "3g.40gb");
        for (var p : profiles) {
            assertThat(nvml.api().deviceGpuInstanceRemainingCapacity(gpu, p.id()).orThrow()).as(p.shortName()).isZero();
        }
        assertThatThrownBy(() -> nvml.mig().createInstance(gpu, named(profiles, "1g.10gb"), new MigPlacement(2, 1)))
                .hasMessage("nvmlDeviceCreateGpuInstanceWithPlacement failed: INSUFFICIENT_RESOURCES (23)");
    }
}
