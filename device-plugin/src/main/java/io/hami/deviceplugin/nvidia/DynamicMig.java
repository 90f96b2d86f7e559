package io.hami.deviceplugin.nvidia;

import io.hami.bindings.nvml.GpuInstanceInfo;
import io.hami.bindings.nvml.GpuInstanceProfile;
import io.hami.bindings.nvml.MemoryInfo;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlException;
import io.hami.deviceplugin.register.MigCapacity;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAMi's dynamic MIG on this node (docs/vendors.md, "NVIDIA — dynamic MIG"): what each GPU in MIG mode registers (the
 * GPU-instance profiles NVML offers, with their placements), the instance a scheduler reservation names made when its
 * container is allocated, and instances no pod owns destroyed. Every change to a GPU's instances is made while the MIG
 * apply lock file exists, which pauses the monitor's feedback (docs/protocol.md, "Host files"). Thread-safe: one lock
 * over every call that reads or changes the instances, so that a reconciliation never sees an instance half made.
 */
public final class DynamicMig {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicMig.class);

    private final Nvml nvml;
    private final Path applyLock;
    private final MigDeviceNodes nodes;
    private final List<NvidiaConfig.MigAllowlistEntry> allowlist;

    /**
     * @param applyLock the MIG apply lock file the monitor honours
     * @param nodes     where a MIG device's capability nodes are read
     * @param allowlist which profiles a GPU offers, by model ({@code migProfileAllowlist}): the first entry one of whose
     *                  models occurs in the GPU's registered type names them, in its order (as HAMi's plugin reads
     *                  it; a GPU no entry names offers none); empty for every profile NVML offers
     */
    public DynamicMig(Nvml nvml, Path applyLock, MigDeviceNodes nodes, List<NvidiaConfig.MigAllowlistEntry> allowlist) {
        this.nvml = Objects.requireNonNull(nvml, "nvml");
        this.applyLock = Objects.requireNonNull(applyLock, "applyLock");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.allowlist = List.copyOf(allowlist);
    }

    /** The profiles the GPU offers under the allowlist. */
    private List<GpuInstanceProfile> offered(NvmlDevice gpu) {
        var all = nvml.mig().profiles(gpu);
        if (allowlist.isEmpty()) {
            return all;
        }
        String type = NvmlDeviceSource.registeredType(nvml.name(gpu));
        for (var entry : allowlist) {
            if (entry.models().stream().anyMatch(type::contains)) {
                var out = new ArrayList<GpuInstanceProfile>();
                for (String name : entry.profiles()) {
                    all.stream().filter(p -> p.shortName().equals(name)).findFirst().ifPresent(out::add);
                }
                return out;
            }
        }
        return List.of();
    }

    /**
     * What each GPU in MIG mode registers, by UUID: its profiles from NVML's GPU-instance profile calls and their
     * possible placements. A GPU with MIG off, or without any profile, is left out and logged.
     */
    public synchronized Map<String, MigCapacity> capacities() {
        var mig = nvml.mig();
        var out = new LinkedHashMap<String, MigCapacity>();
        for (int i = 0, n = nvml.deviceCount(); i < n; i++) {
            var gpu = nvml.device(i);
            String uuid = nvml.uuid(gpu);
            if (!mig.enabled(gpu)) {
                LOG.warn("GPU {} ({}) has MIG mode off: it is not registered for dynamic MIG (enable MIG on it first)",
                        i, uuid);
                continue;
            }
            var profiles = offered(gpu);
            if (profiles.isEmpty()) {
                LOG.warn("GPU {} ({}) offers no MIG profile{}: it is not registered", i, uuid,
                        allowlist.isEmpty() ? "" : " its model's migProfileAllowlist entry names");
                continue;
            }
            long memory = nvml.memory(gpu).map(MemoryInfo::totalMiB).orElse(0L);
            out.put(uuid, capacity(profiles, p -> mig.placements(gpu, p), memory));
        }
        return Map.copyOf(out);
    }

    /**
     * A GPU's capacity from its profiles: each profile's core share is its multiprocessors over the largest profile's,
     * in percent rounded up; the count is the most instances any one profile can have.
     */
    static MigCapacity capacity(List<GpuInstanceProfile> profiles,
                                java.util.function.Function<GpuInstanceProfile, List<io.hami.bindings.nvml.MigPlacement>> placements,
                                long memoryMiB) {
        int fullSms = profiles.stream().mapToInt(GpuInstanceProfile::multiprocessorCount).max().orElse(0);
        int count = 0;
        var out = new ArrayList<MigProfile>();
        for (var p : profiles) {
            int core = fullSms == 0 ? 0 : (int) Math.ceilDiv(p.multiprocessorCount() * 100L, fullSms);
            out.add(new MigProfile(p.shortName(), (int) Math.min(p.memorySizeMiB(), Integer.MAX_VALUE), core,
                    p.sliceCount(), placements.apply(p).stream().map(DynamicMig::model).toList()));
            count = Math.max(count, p.instanceCount());
        }
        return new MigCapacity(Math.max(count, 1), (int) Math.min(memoryMiB, Integer.MAX_VALUE), out);
    }

    /**
     * The MIG device of a reservation: the instance already at its placement when it has the reserved profile and a
     * compute instance (a retried {@code Allocate}), else a new GPU instance with one compute instance over all of it.
     *
     * @return the device and whether this call made it
     * @throws IllegalArgumentException naming the reservation, when the GPU is not this node's, has MIG mode off, lacks
     *                                  the profile or the placement, when the placement overlaps another instance, or
     *                                  when NVML fails
     */
    public synchronized Realized realize(MigAllocation reservation) {
        String what = "MIG reservation " + reservation.profile() + " at " + text(reservation.placement()) + " on GPU "
                + reservation.gpuUuid();
        try {
            var mig = nvml.mig();
            NvmlDevice gpu;
            try {
                gpu = nvml.deviceByUuid(reservation.gpuUuid());
            } catch (NvmlException e) {
                throw new IllegalArgumentException(what + ": the GPU is not one of this node's (" + e.getMessage() + ")");
            }
            if (!mig.enabled(gpu)) {
                throw new IllegalArgumentException(what + ": MIG mode is off on the GPU");
            }
            var profiles = offered(gpu);
            var profile = profiles.stream().filter(p -> p.shortName().equals(reservation.profile())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(what + ": the GPU has no such profile (it has "
                            + profiles.stream().map(GpuInstanceProfile::shortName).toList() + ")"));
            var placements = mig.placements(gpu, profile);
            var placement = placements.stream().filter(p -> model(p).equals(reservation.placement())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(what + ": the profile cannot be placed there (its "
                            + "placements: " + placements.stream().map(p -> text(model(p))).toList() + ")"));
            for (var gi : mig.gpuInstances(gpu)) {
                if (gi.profileId() == profile.id() && model(gi.placement()).equals(reservation.placement())) {
                    var device = device(gpu, gi.id());
                    if (device.isPresent()) {
                        LOG.info("{}: GPU instance {} exists already; handed out again", what, gi.id());
                        return new Realized(reservation, device.get(), false);
                    }
                }
                if (model(gi.placement()).overlaps(reservation.placement())) {
                    throw new IllegalArgumentException(what + ": the placement overlaps GPU instance " + gi.id() + " ("
                            + name(profiles, gi.profileId()) + " at " + text(model(gi.placement())) + ")");
                }
            }
            var made = locked(() -> mig.createInstance(gpu, profile, placement));
            try {
                var unit = new MigUnit(made, nodes.of(made, nvml.minor(gpu)));
                LOG.info("{}: made GPU instance {} ({})", what, made.gpuInstanceId(), made.uuid());
                return new Realized(reservation, unit, true);
            } catch (RuntimeException e) {
                destroyQuietly(gpu, made.gpuInstanceId(), e);
                throw e;
            }
        } catch (NvmlException | IllegalStateException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    /**
     * A reservation with its MIG device.
     *
     * @param reservation the scheduler's reservation
     * @param unit        the MIG device and its nodes
     * @param made        whether {@link #realize} made it (rather than finding it)
     */
    public record Realized(MigAllocation reservation, MigUnit unit, boolean made) {
    }

    private Optional<MigUnit> device(NvmlDevice gpu, int gpuInstanceId) {
        var found = nvml.mig().devices(gpu).stream().filter(d -> d.gpuInstanceId() == gpuInstanceId).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MigUnit(found.get(), nodes.of(found.get(), nvml.minor(gpu))));
    }

    /** Destroys a GPU instance and its compute instances; never throws (what fails is logged, and reconciled later). */
    public synchronized void destroy(String gpuUuid, int gpuInstanceId) {
        try {
            var gpu = nvml.deviceByUuid(gpuUuid);
            locked(() -> {
                nvml.mig().destroyInstance(gpu, gpuInstanceId);
                return null;
            });
            LOG.info("destroyed GPU instance {} of GPU {}", gpuInstanceId, gpuUuid);
        } catch (NvmlException | IllegalStateException e) {
            LOG.warn("cannot destroy GPU instance {} of GPU {} (tried again when the node is reconciled): {}",
                    gpuInstanceId, gpuUuid, e.getMessage());
        }
    }

    private void destroyQuietly(NvmlDevice gpu, int gpuInstanceId, RuntimeException cause) {
        try {
            locked(() -> {
                nvml.mig().destroyInstance(gpu, gpuInstanceId);
                return null;
            });
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Destroys every GPU instance, on every GPU in MIG mode, that no reservation of {@code owners} names (same GPU,
     * profile and placement), and every GPU instance without a compute instance (half made: it serves no container, and
     * its owner's next {@code Allocate} makes it again). The owners are read after the instances, under this object's
     * lock, so no instance is made between the two reads.
     *
     * @param owners the reservations of the pods that exist and have not ended
     * @return what was destroyed, as {@code <GPU UUID>/gi<id>}
     * @throws IllegalStateException when an instance cannot be listed; nothing is destroyed then
     */
    public synchronized List<String> reconcile(Supplier<Collection<MigAllocation>> owners) {
        var mig = nvml.mig();
        var candidates = new ArrayList<Candidate>();
        try {
            for (int i = 0, n = nvml.deviceCount(); i < n; i++) {
                var gpu = nvml.device(i);
                if (!mig.enabled(gpu)) {
                    continue;
                }
                String uuid = nvml.uuid(gpu);
                var profiles = mig.profiles(gpu);
                var complete = mig.devices(gpu).stream().map(d -> d.gpuInstanceId()).toList();
                for (var gi : mig.gpuInstances(gpu)) {
                    candidates.add(new Candidate(uuid, gpu, gi, name(profiles, gi.profileId()), complete.contains(gi.id())));
                }
            }
        } catch (NvmlException e) {
            throw new IllegalStateException("cannot list the GPU instances: " + e.getMessage(), e);
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        var owned = owners.get();
        var destroyed = new ArrayList<String>();
        for (var c : candidates) {
            boolean ownedNow = owned.stream().anyMatch(a -> a.gpuUuid().equals(c.uuid()) && a.profile().equals(c.profile())
                    && a.placement().equals(model(c.info().placement())));
            if (ownedNow && c.complete()) {
                continue;
            }
            LOG.info("GPU instance {} ({} at {}) of GPU {}: {}; destroying it", c.info().id(), c.profile(),
                    text(model(c.info().placement())), c.uuid(), ownedNow ? "it has no compute instance" : "no pod owns it");
            try {
                locked(() -> {
                    mig.destroyInstance(c.gpu(), c.info().id());
                    return null;
                });
                destroyed.add(c.uuid() + "/gi" + c.info().id());
            } catch (NvmlException | IllegalStateException e) {
                LOG.warn("cannot destroy GPU instance {} of GPU {} (tried again next round): {}", c.info().id(), c.uuid(),
                        e.getMessage());
            }
        }
        return List.copyOf(destroyed);
    }

    private record Candidate(String uuid, NvmlDevice gpu, GpuInstanceInfo info, String profile, boolean complete) {
    }

    /** Runs a change to the GPUs' instances while the apply lock file exists; the file is removed afterwards. */
    private <T> T locked(Supplier<T> change) {
        try {
            if (applyLock.getParent() != null) {
                Files.createDirectories(applyLock.getParent());
            }
            Files.writeString(applyLock, "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the MIG apply lock " + applyLock + ": " + e.getMessage(), e);
        }
        try {
            return change.get();
        } finally {
            try {
                Files.deleteIfExists(applyLock);
            } catch (IOException e) {
                LOG.warn("cannot remove the MIG apply lock {} (the monitor's feedback stays paused): {}", applyLock,
                        e.getMessage());
            }
        }
    }

    private static String name(List<GpuInstanceProfile> profiles, int profileId) {
        return profiles.stream().filter(p -> p.id() == profileId).findFirst().map(GpuInstanceProfile::shortName)
                .orElse("profile " + profileId);
    }

    static MigPlacement model(io.hami.bindings.nvml.MigPlacement p) {
        return new MigPlacement(Integer.toUnsignedLong(p.start()), Integer.toUnsignedLong(p.size()));
    }

    private static String text(MigPlacement p) {
        return "{start " + p.start() + ", size " + p.size() + "}";
    }
}
