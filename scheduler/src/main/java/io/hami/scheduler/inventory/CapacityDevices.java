package io.hami.scheduler.inventory;

import io.fabric8.kubernetes.api.model.Node;
import io.hami.model.protocol.NeuronAnnotations;
import io.hami.model.quantity.Quantity;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Devices of the types that register no annotation, synthesized from the node's {@code status.capacity} as HAMi does:
 * <ul>
 *   <li>Cambricon: {@code vcore / 100} cards, each 100 slots and 100 cores, {@code vmemory × 256 × 100 / vcore} MiB,
 *       ids {@code <node>-cambricon-mlu-<i>};</li>
 *   <li>Moore Threads: one GPU per started 16 {@code sgpu-core}, each 100 slots and 16 cores,
 *       {@code sgpu-memory × 512 × 16 / sgpu-core} MiB, ids {@code <node>-mthreads-<i>};</li>
 *   <li>MetaX whole GPUs: one device per unit of the count resource, 1 slot, 65536 MiB, 100 cores, ids
 *       {@code <node>-metax-<i>};</li>
 *   <li>Kunlunxin whole XPUs: one per unit of the count resource, 100 slots, 98304 MiB, 100 cores, the second half of
 *       them on NUMA node 1, ids {@code <node>-kunlun-<i>} (HAMi: {@code pkg/device/kunlun/device.go});</li>
 *   <li>Enflame whole GCUs: one per unit, 1 slot, 100 "MiB", 100 cores, ids {@code <node>-GCU-<i>}
 *       ({@code pkg/device/enflame/gcu.go});</li>
 *   <li>AWS Neuron: one per unit of the count resource, as many slots as NeuronCores per device (the core capacity
 *       divided by the count), no memory, cores as a bit mask of its NeuronCores ({@code 3} for two), ids
 *       {@code <node>-AWSNeuron-<i>}; the node's instance type is kept for the ring rule
 *       ({@code pkg/device/awsneuron/device.go}).</li>
 * </ul>
 * All are healthy and on NUMA node 0 unless said; their model is the type's common word. An absent or zero capacity
 * gives no device.
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
            case METAX -> whole(type, name, capacity(node, Optional.of(names.count())), 1, 65536, 100, Map.of());
            case KUNLUNXIN -> kunlun(whole(type, name, capacity(node, Optional.of(names.count())), 100, 98304, 100,
                    Map.of()));
            case ENFLAME -> whole(type, name, capacity(node, Optional.of(names.count())), 1, 100, 100, Map.of());
            case AWS_NEURON -> neuron(node, name, type);
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
            devices.add(new DeviceSpec(type, CapacityIds.id(node, type.descriptor().vendor(), i), i, slots, (int) devmem,
                    devcore, type.commonWord(), 0, "", true, List.of(), null, ""));
        }
        return devices;
    }

    private static List<DeviceSpec> whole(DeviceType type, String node, long count, int slots, int devmem,
                                          int devcore, Map<String, String> custom) throws WireFormatException {
        if (count > 4096) {
            throw new WireFormatException("node-capacity", type.id(), "capacity out of range", Long.toString(count));
        }
        var devices = new ArrayList<DeviceSpec>();
        for (int i = 0; i < count; i++) {
            devices.add(new DeviceSpec(type, CapacityIds.id(node, type.descriptor().vendor(), i), i, slots, devmem,
                    devcore, type.commonWord(), 0, "", true, List.of(), null, "", custom));
        }
        return devices;
    }

    /** The second half of a node's XPUs sit on NUMA node 1. */
    private static List<DeviceSpec> kunlun(List<DeviceSpec> devices) {
        var out = new ArrayList<DeviceSpec>(devices.size());
        for (DeviceSpec d : devices) {
            int numa = d.index() >= devices.size() / 2 ? 1 : 0;
            out.add(new DeviceSpec(d.type(), d.id(), d.index(), d.count(), d.totalMem(), d.totalCores(), d.model(), numa,
                    d.mode(), d.healthy(), d.migProfiles(), d.networkId(), d.qosPolicy(), d.custom()));
        }
        return out;
    }

    private static List<DeviceSpec> neuron(Node node, String name, DeviceType type) throws WireFormatException {
        var names = type.descriptor().resources();
        long count = capacity(node, Optional.of(names.count()));
        if (count <= 0) {
            return List.of();
        }
        long perDevice = capacity(node, names.cores()) / count;
        if (perDevice > 30) {
            throw new WireFormatException("node-capacity", names.cores().orElseThrow(), "more than 30 NeuronCores a device",
                    Long.toString(perDevice));
        }
        int mask = (1 << perDevice) - 1;
        String instance = KubeObjects.labels(node).getOrDefault(NeuronAnnotations.INSTANCE_TYPE_LABEL, "");
        return whole(type, name, count, (int) perDevice, 0, mask, Map.of(NEURON_INSTANCE_TYPE, instance));
    }

    /** The custom key of an AWS Neuron device that holds its node's instance type. */
    static final String NEURON_INSTANCE_TYPE = "instanceType";

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
