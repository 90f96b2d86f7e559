package io.hami.deviceplugin.nvidia;

import io.hami.deviceplugin.allocate.AllocationPlan;
import io.hami.deviceplugin.allocate.ContainerEnvironment;
import io.hami.deviceplugin.allocate.HostClaim;
import io.hami.deviceplugin.allocate.ContainerShare;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigAllocations;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.wire.WireFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container of a node in dynamic MIG mode gets: for each of its devices the MIG instance the scheduler reserved
 * in {@code hami.io/vgpu-mig-allocations} (the entry of the container's position and the device's), made through NVML
 * when the container is allocated ({@link MigClaim}); no HAMi-core variables, mounts or host directory.
 */
public record DynamicMigEnvironment(DynamicMig mig) implements ContainerEnvironment {

    public DynamicMigEnvironment {
        Objects.requireNonNull(mig, "mig");
    }

    @Override
    public ContainerSpec spec(ContainerShare share) {
        reservations(share); // a pod without its reservations fails here, before anything is made
        return new ContainerSpec(Map.of(), List.of(), List.of());
    }

    @Override
    public Optional<Path> directoryRoot(ContainerShare share) {
        return Optional.empty();
    }

    @Override
    public Optional<HostClaim> claim(ContainerShare share) {
        var pod = decode(share.podAnnotations());
        var made = new ArrayList<DynamicMig.Realized>();
        try {
            for (var reservation : reservations(share)) {
                made.add(mig.realize(reservation));
            }
        } catch (RuntimeException e) {
            new MigClaim(mig, made, pod).release();
            throw e;
        }
        return Optional.of(new MigClaim(mig, made, pod));
    }

    /** The share's reservations in device order. */
    private static List<MigAllocation> reservations(ContainerShare share) {
        var all = decode(share.podAnnotations());
        var devices = share.devices().devices();
        var out = new ArrayList<MigAllocation>(devices.size());
        for (int j = 0; j < devices.size(); j++) {
            int device = j;
            var reservation = all.allocations().stream()
                    .filter(a -> a.containerIndex() == share.entry() && a.deviceIndex() == device).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(HamiAnnotations.MIG_ALLOCATIONS
                            + " has no reservation for container entry " + share.entry() + " device " + device));
            if (!reservation.gpuUuid().equals(devices.get(j).uuid())) {
                throw new IllegalArgumentException(HamiAnnotations.MIG_ALLOCATIONS + " reserves container entry "
                        + share.entry() + " device " + j + " on GPU " + reservation.gpuUuid() + ", but the allocation "
                        + "names GPU " + devices.get(j).uuid());
            }
            out.add(reservation);
        }
        return out;
    }

    /** The pod's reservations; none when it has no such annotation. */
    static MigAllocations decode(Map<String, String> annotations) {
        String value = annotations.get(HamiAnnotations.MIG_ALLOCATIONS);
        if (value == null) {
            return MigAllocations.EMPTY;
        }
        try {
            return MigAllocationsCodec.INSTANCE.decode(value);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(HamiAnnotations.MIG_ALLOCATIONS + ": " + e.getMessage());
        }
    }

    /**
     * The pod annotation a successful {@code Allocate} writes: the reservations with the runtime identity of the
     * instances its containers got, the others as they were; empty when the plan made no MIG device.
     */
    static Map<String, String> runtimeAnnotation(AllocationPlan plan) {
        var claims = plan.containers().stream().flatMap(c -> c.claim().stream())
                .filter(MigClaim.class::isInstance).map(MigClaim.class::cast).toList();
        if (claims.isEmpty()) {
            return Map.of();
        }
        var all = new ArrayList<>(claims.getFirst().pod().allocations());
        for (var claim : claims) {
            for (var realized : claim.realized()) {
                all.replaceAll(a -> a.containerIndex() == realized.containerIndex()
                        && a.deviceIndex() == realized.deviceIndex() ? realized : a);
            }
        }
        return Map.of(HamiAnnotations.MIG_ALLOCATIONS, MigAllocationsCodec.INSTANCE.encode(new MigAllocations(all)));
    }
}
