package io.hami.bindings.nvml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MIG facade over an {@link NvmlApi}: values and typed exceptions, as {@link Nvml} gives them for the rest of
 * NVML. A GPU without MIG has no profiles and no MIG devices (empty lists), never an error. Reading is all
 * {@code hami devices} and the device plugin's static strategies need; {@link #createInstance} and
 * {@link #destroyInstance} change the GPU and are for the code that owns its MIG layout.
 */
public final class NvmlMig {

    private final NvmlApi api;

    NvmlMig(NvmlApi api) {
        this.api = api;
    }

    /** Empty on GPUs without MIG. */
    public Optional<MigMode> mode(NvmlDevice gpu) {
        return api.deviceMigMode(gpu).optional();
    }

    /** Whether MIG is enabled on the GPU now. */
    public boolean enabled(NvmlDevice gpu) {
        return mode(gpu).map(MigMode::current).orElse(false);
    }

    /** The GPU-instance profiles the GPU offers in MIG mode, by profile index; empty without MIG. */
    public List<GpuInstanceProfile> profiles(NvmlDevice gpu) {
        var out = new ArrayList<GpuInstanceProfile>();
        for (int index = 0; index < NvmlMigApi.GPU_INSTANCE_PROFILE_COUNT; index++) {
            var r = api.deviceGpuInstanceProfileInfo(gpu, index);
            if (r.ok()) {
                out.add(r.value());
            } else if (!r.absent() && r.status() != NvmlReturn.INVALID_ARGUMENT) {
                throw NvmlException.of(r.symbol(), r.code());
            }
        }
        return List.copyOf(out);
    }

    /** Where instances of the profile may go. */
    public List<MigPlacement> placements(NvmlDevice gpu, GpuInstanceProfile profile) {
        return api.deviceGpuInstancePossiblePlacements(gpu, profile.id()).orThrow();
    }

    /**
     * The GPU's MIG devices in NVML's order; empty when the GPU has no MIG or MIG is off.
     *
     * @throws NvmlException when a MIG device cannot be read
     */
    public List<MigDevice> devices(NvmlDevice gpu) {
        if (!enabled(gpu)) {
            return List.of();
        }
        int max = api.deviceMaxMigDeviceCount(gpu).optional().orElse(0);
        String parent = api.deviceUuid(gpu).orThrow();
        var profiles = profiles(gpu);
        var out = new ArrayList<MigDevice>();
        for (int i = 0; i < max; i++) {
            var handle = api.deviceMigDeviceHandleByIndex(gpu, i);
            if (handle.status() == NvmlReturn.NOT_FOUND) {
                continue;
            }
            out.add(describe(gpu, parent, handle.orThrow(), profiles));
        }
        return List.copyOf(out);
    }

    private MigDevice describe(NvmlDevice gpu, String parent, NvmlDevice mig, List<GpuInstanceProfile> profiles) {
        int gi = api.deviceGpuInstanceId(mig).orThrow();
        int ci = api.deviceComputeInstanceId(mig).orThrow();
        var info = api.gpuInstanceInfo(api.deviceGpuInstanceById(gpu, gi).orThrow()).orThrow();
        var attributes = api.deviceAttributes(mig).optional();
        String giName = profiles.stream().filter(p -> p.id() == info.profileId()).findFirst()
                .map(GpuInstanceProfile::shortName).orElse("profile-" + info.profileId());
        String name = attributes.filter(a -> a.computeInstanceSliceCount() != a.gpuInstanceSliceCount())
                .map(a -> a.computeInstanceSliceCount() + "c." + giName).orElse(giName);
        long memory = api.deviceMemoryInfo(mig).optional().map(MemoryInfo::totalMiB)
                .orElse(attributes.map(DeviceAttributes::memorySizeMiB).orElse(0L));
        return new MigDevice(parent, api.deviceUuid(mig).orThrow(), gi, ci, name, info.placement(), memory, attributes);
    }

    /**
     * Creates a GPU instance of the profile at the placement and one compute instance over all of it, and answers
     * its MIG device. When the compute instance cannot be made the GPU instance is destroyed again, so a failure
     * leaves nothing behind.
     *
     * @throws NvmlException e.g. {@code INSUFFICIENT_RESOURCES} when the placement overlaps an instance
     */
    public MigDevice createInstance(NvmlDevice gpu, GpuInstanceProfile profile, MigPlacement placement) {
        var gi = api.deviceCreateGpuInstanceWithPlacement(gpu, profile.id(), placement).orThrow();
        try {
            int full = fullComputeProfile(gi, profile);
            api.gpuInstanceCreateComputeInstance(gi, full).orThrow();
        } catch (RuntimeException e) {
            var undo = api.gpuInstanceDestroy(gi);
            if (!undo.ok()) {
                e.addSuppressed(NvmlException.of(undo.symbol(), undo.code()));
            }
            throw e;
        }
        int id = api.gpuInstanceInfo(gi).orThrow().id();
        return devices(gpu).stream().filter(d -> d.gpuInstanceId() == id).findFirst()
                .orElseThrow(() -> NvmlException.of("nvmlDeviceGetMigDeviceHandleByIndex", NvmlReturn.NOT_FOUND.code()));
    }

    private int fullComputeProfile(NvmlGpuInstance gi, GpuInstanceProfile profile) {
        for (int index = 0; index < NvmlMigApi.COMPUTE_INSTANCE_PROFILE_COUNT; index++) {
            var r = api.gpuInstanceComputeInstanceProfileInfo(gi, index);
            if (r.ok() && r.value().sliceCount() == profile.sliceCount()) {
                return r.value().id();
            }
        }
        throw NvmlException.of("nvmlGpuInstanceGetComputeInstanceProfileInfoV", NvmlReturn.NOT_SUPPORTED.code());
    }

    /**
     * Every GPU instance of the GPU, of every profile, whether it has compute instances or not (a half-made instance
     * has none and is no MIG device); empty when MIG is off.
     *
     * @throws NvmlException when the instances cannot be listed
     */
    public List<GpuInstanceInfo> gpuInstances(NvmlDevice gpu) {
        if (!enabled(gpu)) {
            return List.of();
        }
        var out = new ArrayList<GpuInstanceInfo>();
        for (var profile : profiles(gpu)) {
            for (var gi : api.deviceGpuInstances(gpu, profile.id()).orThrow()) {
                out.add(api.gpuInstanceInfo(gi).orThrow());
            }
        }
        return List.copyOf(out);
    }

    /** Destroys the GPU instance's compute instances, then the GPU instance. */
    public void destroyInstance(NvmlDevice gpu, int gpuInstanceId) {
        var gi = api.deviceGpuInstanceById(gpu, gpuInstanceId).orThrow();
        for (int index = 0; index < NvmlMigApi.COMPUTE_INSTANCE_PROFILE_COUNT; index++) {
            var profile = api.gpuInstanceComputeInstanceProfileInfo(gi, index);
            if (!profile.ok()) {
                continue;
            }
            for (var ci : api.gpuInstanceComputeInstances(gi, profile.value().id()).orThrow()) {
                api.computeInstanceDestroy(ci).orThrow();
            }
        }
        api.gpuInstanceDestroy(gi).orThrow();
    }
}
