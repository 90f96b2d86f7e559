package io.hami.demo.node;

import io.hami.model.annotation.EnflameDrsCapacityCodec;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.device.EnflameDrsCapacity;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.vendor.HandshakeReplies;
import io.hami.model.vendor.RegisterFormat;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What the device plugin of a vendor whose plugin is its own (Kunlunxin, Enflame, AWS Neuron, AMD, Vastai, Biren) would
 * publish about one simulated machine: the Node's capacity of the type's count resource (and of Neuron cores), and,
 * where the type registers in an annotation, that annotation encoded with the model's codec, and the handshake reply
 * where its agent gives one ({@link HandshakeReplies}: none of these does, so the scheduler goes by the capacity). No
 * {@code Allocate} of ours answers for these types: the demo checks the scheduler's placement and the pod annotations
 * their plugins read.
 *
 * @param type        the device type
 * @param capacity    the Node's capacity of the type's resources
 * @param annotations the annotations the vendor's plugin writes on the Node
 */
public record VendorPluginStandIn(VendorDescriptor type, Map<String, Long> capacity, Map<String, String> annotations) {

    /** The device types the demo has a machine of, by id: the scheduler-only types of the default catalog. */
    public static final List<String> TYPES = List.of("kunlun-xpu", "kunlun-vxpu", "enflame-gcu", "enflame-drs",
            "awsneuron", "amd", "vastai", "biren");

    public VendorPluginStandIn {
        capacity = Map.copyOf(capacity);
        annotations = Map.copyOf(annotations);
    }

    /**
     * The machine of {@code typeId} for node {@code nodeName}, its handshake stamped {@code now}: eight P800 XPUs
     * (whole, or registered for vXPUs), eight Enflame GCUs (whole, or two cards in DRS mode of six slices each), a
     * trn1.32xlarge's 16 Neuron devices of two cores each (labelled with its instance type), four AMD Instinct MI300X, four Vastai cards, four Biren
     * cards.
     *
     * @throws IllegalArgumentException when the demo has no such machine
     */
    public static VendorPluginStandIn of(String typeId, String nodeName, ZonedDateTime now) {
        var type = Vendors.defaults().byId(typeId).filter(t -> TYPES.contains(t.id()))
                .orElseThrow(() -> new IllegalArgumentException("no simulated machine of device type " + typeId
                        + "; one of " + TYPES));
        String count = type.resources().count();
        var capacity = new LinkedHashMap<String, Long>();
        var registered = Optional.<String>empty();
        switch (typeId) {
            case "kunlun-xpu", "enflame-gcu" -> capacity.put(count, 8L);
            case "awsneuron" -> {
                capacity.put(count, 16L);
                type.resources().cores().ifPresent(cores -> capacity.put(cores, 32L));
            }
            case "kunlun-vxpu" -> registered = json(capacity, count, devices(nodeName, "xpu", 8, 4, 98304, 100, "P800"));
            case "amd" -> registered = json(capacity, count, devices(nodeName, "amd", 4, 10, 196608, 304,
                    "AMD-Instinct-MI300X"));
            case "vastai" -> registered = json(capacity, count, devices(nodeName, "va", 4, 2, 16384, 0, "Vastai"));
            case "biren" -> registered = json(capacity, count, devices(nodeName, "br", 4, 4, 65536, 0, "Biren"));
            case "enflame-drs" -> {
                var drs = new EnflameDrsCapacity(List.of(new EnflameDrsCapacity.Card(0, "0", 6),
                        new EnflameDrsCapacity.Card(1, "1", 6)), Map.of("1g.6gb", "0", "3g.20gb", "1", "6g.40gb", "2"));
                capacity.put(count, 12L);
                registered = Optional.of(EnflameDrsCapacityCodec.INSTANCE.encode(drs));
            }
            default -> throw new IllegalStateException("a machine type without a machine: " + typeId);
        }
        var annotations = new LinkedHashMap<String, String>();
        registered.ifPresent(value -> annotations.put(type.annotations().nodeRegister().orElseThrow(), value));
        type.annotations().handshake().ifPresent(key -> HandshakeReplies.reply(type.vendor(), now)
                .ifPresent(reply -> annotations.put(key, reply)));
        return new VendorPluginStandIn(type, capacity, annotations);
    }

    /** Whether the type registers in an annotation (else the scheduler learns it from the Node's capacity). */
    public boolean registers() {
        return type.registerFormat() != RegisterFormat.NODE_CAPACITY;
    }

    private static List<NodeDevice> devices(String node, String prefix, int n, int count, int memoryMiB, int cores,
                                            String model) {
        return IntStream.range(0, n).mapToObj(i -> NodeDevice.of(node + "-" + prefix + "-" + i, i, count, memoryMiB,
                cores, model, 0, "", true)).toList();
    }

    /** The registration's value; the count resource's capacity is the devices' slots, as the plugins advertise them. */
    private static Optional<String> json(Map<String, Long> capacity, String count, List<NodeDevice> devices) {
        capacity.put(count, devices.stream().mapToLong(NodeDevice::count).sum());
        return Optional.of(NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(new ArrayList<>(devices))));
    }
}
