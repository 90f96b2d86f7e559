package io.hami.scheduler.inventory;

import io.fabric8.kubernetes.api.model.Node;
import io.hami.model.quantity.Quantity;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Devices of the types that register no annotation, synthesized from the node's {@code status.capacity} as HAMi does:
 * <ul>
 *   <li>Cambricon: {@code vcore / 100} cards, each 100 slots and 100 cores, {@code vmemory × 256 × 100 / vcore} MiB,
 *       ids {@code <node>-cambricon-mlu-<i>};</li>
 *   <li>Moore Threads: one GPU per started 16 {@code sgpu-core}, each 100 slots and 16 cores,
 *       {@code sgpu-memory × 512 × 16 / sgpu-core} MiB, ids {@code <node>-mthreads-<i>};</li>
 *   <li>MetaX whole GPUs: one device per unit of the count resource, 1 slot, 65536 MiB, 100 cores, ids
 *       {@code <node>-metax-<i>}.</li>
 * </ul>
 * All are healthy and on NUMA node 0; their model is the type's common word. An absent or zero capacity gives no device.
 */
final class CapacityDevices {

    private CapacityDevices() {
    }

    static List<DeviceSpec> read(Node node, String name, DeviceType type) throws WireFormatException {
        var names = type.descriptor().resources();
        return switch (type.descriptor().vendor()) {
            case CAMBRICON -> split(type, name, capacity(node, names.cores()),
                    capacity(node, names.memory()), 100, 256, 100, 100);
            case MTHREADS -> split(type, name, capacity(node, names.cores()),
                    capacity(node, names.memory()), 16, 512, 100, 16);
            case METAX -> whole(type, name, capacity(node, Optional.of(names.count())));
            default -> List.of();
        };
    }

    /** Cards of {@code coresPerCard} cores each; a partial card counts when the vendor rounds up (Moore Threads). */
    private static List<DeviceSpec> split(DeviceType type, String node, long cores, long memoryUnits, int coresPerCard,
                                          int unitMiB, int slots, int devcore) throws WireFormatException {
        if (cores <= 0) {
            return List.of();
        }
        boolean roundUp = type.descriptor().vendor() == io.hami.model.vendor.Vendor.MTHREADS;
        long cards = roundUp ? cores / coresPerCard + (cores % coresPerCard == 0 ? 0 : 1) : cores / coresPerCard;
        long devmem = memoryUnits > Integer.MAX_VALUE ? Long.MAX_VALUE
                : memoryUnits * unitMiB * coresPerCard / cores;
        if (devmem > Integer.MAX_VALUE || cards > 4096) {
            throw new WireFormatException("node-capacity", type.id(), "capacity out of range",
                    cores + " cores, " + memoryUnits + " memory units");
        }
        var devices = new ArrayList<DeviceSpec>((int) cards);
        for (int i = 0; i < cards; i++) {
            devices.add(device(type, CapacityIds.id(node, type.descriptor().vendor(), i), i, slots, (int) devmem, devcore));
        }
        return devices;
    }

    private static List<DeviceSpec> whole(DeviceType type, String node, long count) throws WireFormatException {
        if (count > 4096) {
            throw new WireFormatException("node-capacity", type.id(), "capacity out of range", Long.toString(count));
        }
        var devices = new ArrayList<DeviceSpec>();
        for (int i = 0; i < count; i++) {
            devices.add(device(type, CapacityIds.id(node, type.descriptor().vendor(), i), i, 1, 65536, 100));
        }
        return devices;
    }

    private static DeviceSpec device(DeviceType type, String id, int index, int slots, int devmem, int devcore) {
        return new DeviceSpec(type, id, index, slots, devmem, devcore, type.commonWord(), 0, "", true, List.of(), null,
                "");
    }

    private static long capacity(Node node, Optional<String> resource) throws WireFormatException {
        if (resource.isEmpty()) {
            return 0;
        }
        Optional<String> text = KubeObjects.capacity(node, resource.get());
        if (text.isEmpty()) {
            return 0;
        }
        var value = Quantity.parse(resource.get(), text.get()).asExactLong();
        if (value.isEmpty() || value.getAsLong() < 0) {
            throw new WireFormatException("node-capacity", resource.get(), "not a whole, non-negative number",
                    text.get());
        }
        return value.getAsLong();
    }
}
