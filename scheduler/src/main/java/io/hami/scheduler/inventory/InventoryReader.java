package io.hami.scheduler.inventory;

import io.fabric8.kubernetes.api.model.Node;
import io.hami.model.annotation.EnflameDrsCapacityCodec;
import io.hami.model.annotation.GoBool;
import io.hami.model.annotation.LegacyNodeRegisterCodec;
import io.hami.model.annotation.MetaxSgpuDevicesCodec;
import io.hami.model.annotation.MetaxTopologyCodec;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.NodeScoreCodec;
import io.hami.model.annotation.UuidFilter;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.MetaxSgpuDevice;
import io.hami.model.device.MetaxTopologyTable;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.PairScore;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.MetaxAnnotations;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a node's devices (HAMi's {@code GetNodeDevices} for every device type) as a pure function of the Node object:
 * register annotations through the model's codecs (JSON, legacy colon form, MetaX sGPU JSON, Enflame DRS), or, for the types
 * without one, devices synthesized from {@code status.capacity} ({@link CapacityDevices}).
 *
 * <p>A type whose annotation or capacity is absent contributes no device. A type whose annotation is present but
 * invalid contributes none either and is reported in {@link NodeInventory#problems()} with the codec's message; for
 * NVIDIA an invalid {@code hami.io/node-nvidia-score} invalidates the NVIDIA devices too, as in HAMi; for MetaX whole
 * GPUs an invalid {@code metax-tech.com/gpu.topology.losses} or {@code .scores} invalidates theirs. So does a device
 * id that could not be written into an allocation annotation. An invalid {@code hami-vnpu-core} is reported under its
 * annotation key and leaves the configured default.
 */
public final class InventoryReader {

    private InventoryReader() {
    }

    /** The node's inventory. */
    public static NodeInventory read(Node node, DeviceTypes types) {
        String name = KubeObjects.name(node);
        Map<String, String> annotations = KubeObjects.annotations(node);
        var devices = new ArrayList<DeviceSpec>();
        var problems = new LinkedHashMap<String, String>();
        var scores = new HashMap<String, Map<String, Integer>>();
        MetaxTopology metax = MetaxTopology.NONE;
        for (DeviceType type : types.all()) {
            try {
                List<DeviceSpec> read = writable(type, read(node, name, annotations, type, scores));
                if (type.kind() == DeviceType.Kind.METAX_GPU && !read.isEmpty()) {
                    metax = metaxTopology(annotations);
                }
                devices.addAll(read);
            } catch (WireFormatException e) {
                problems.put(type.id(), e.getMessage());
            }
        }
        var cordoned = new HashSet<>(UuidFilter.fromAnnotations(annotations.get(HamiAnnotations.DEVICE_CORDON), null).use()
                .orElse(List.of()));
        boolean soft = types.all().stream().anyMatch(DeviceType::ascendSoftDefault);
        if (annotations.containsKey(AscendAnnotations.SOFT_SPLIT_NODE)) {
            try {
                soft = GoBool.INSTANCE.decode(annotations.get(AscendAnnotations.SOFT_SPLIT_NODE));
            } catch (WireFormatException e) {
                problems.put(AscendAnnotations.SOFT_SPLIT_NODE, e.getMessage());
            }
        }
        return new NodeInventory(name, devices, problems, cordoned, scores, soft, metax);
    }

    /**
     * The node's text a problem of {@link NodeInventory#problems()} was read from, to tell one unreadable registration
     * from the next: for a device type, its register annotation (with NVIDIA's score and MetaX's whole-GPU topology
     * annotations, which can fail it too) and the capacity of its resources; for an annotation key, its value.
     */
    public static String source(Node node, String problem, DeviceTypes types) {
        Map<String, String> annotations = KubeObjects.annotations(node);
        Optional<DeviceType> type = types.byId(problem);
        if (type.isEmpty()) {
            return annotations.getOrDefault(problem, "");
        }
        var keys = new ArrayList<String>();
        type.get().descriptor().annotations().nodeRegister().ifPresent(keys::add);
        if (type.get().kind() == DeviceType.Kind.NVIDIA) {
            keys.add(HamiAnnotations.NVIDIA_SCORE);
        }
        if (type.get().kind() == DeviceType.Kind.METAX_GPU) {
            keys.add(MetaxAnnotations.GPU_TOPOLOGY_LOSSES);
            keys.add(MetaxAnnotations.GPU_TOPOLOGY_SCORES);
        }
        var text = new StringBuilder();
        for (String key : keys) {
            text.append(key).append('=').append(annotations.getOrDefault(key, "")).append('\n');
        }
        var names = type.get().descriptor().resources();
        for (Optional<String> name : List.of(Optional.of(names.count()), names.memory(), names.cores())) {
            name.ifPresent(n -> text.append(n).append('=').append(KubeObjects.capacity(node, n).orElse(""))
                    .append('\n'));
        }
        return text.toString();
    }

    /**
     * MetaX's whole-GPU topology annotations. HAMi reads an unreadable one as a loss or score of 0, which makes the
     * node the most preferred under {@code binpack}; here it fails the type instead, naming the annotation.
     */
    private static MetaxTopology metaxTopology(Map<String, String> annotations) throws WireFormatException {
        return new MetaxTopology(metaxTable(annotations, MetaxAnnotations.GPU_TOPOLOGY_LOSSES),
                metaxTable(annotations, MetaxAnnotations.GPU_TOPOLOGY_SCORES));
    }

    private static Optional<MetaxTopologyTable> metaxTable(Map<String, String> annotations, String key)
            throws WireFormatException {
        String value = annotations.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MetaxTopologyCodec.INSTANCE.decode(value));
        } catch (WireFormatException e) {
            throw new WireFormatException(e.format(), key + ": " + e.field(), e.problem(), e.offending(), e);
        }
    }

    private static List<DeviceSpec> read(Node node, String name, Map<String, String> annotations, DeviceType type,
                                         Map<String, Map<String, Integer>> scores) throws WireFormatException {
        var key = type.descriptor().annotations().nodeRegister();
        return switch (type.descriptor().registerFormat()) {
            case NODE_CAPACITY -> CapacityDevices.read(node, name, type);
            case JSON, LEGACY -> {
                String value = annotations.get(key.orElseThrow());
                if (value == null) {
                    yield List.of();
                }
                var registered = type.descriptor().registerFormat() == io.hami.model.vendor.RegisterFormat.JSON
                        ? NodeRegisterCodec.INSTANCE.decode(value) : LegacyNodeRegisterCodec.INSTANCE.decode(value);
                if (type.kind() == DeviceType.Kind.NVIDIA && annotations.containsKey(HamiAnnotations.NVIDIA_SCORE)) {
                    for (PairScore pair : NodeScoreCodec.INSTANCE.decode(annotations.get(HamiAnnotations.NVIDIA_SCORE)).pairs()) {
                        scores.put(pair.uuid(), pair.scores());
                    }
                }
                yield registered.devices().stream().map(d -> spec(type, d)).toList();
            }
            case ENFLAME_DRS -> {
                String value = annotations.get(key.orElseThrow());
                yield value == null ? List.of() : EnflameDrs.devices(type, name, EnflameDrsCapacityCodec.INSTANCE.decode(value));
            }
            case METAX_JSON -> {
                String value = annotations.get(key.orElseThrow());
                if (value == null) {
                    yield List.of();
                }
                var cards = MetaxSgpuDevicesCodec.INSTANCE.decode(value).devices();
                var specs = new ArrayList<DeviceSpec>(cards.size());
                for (int i = 0; i < cards.size(); i++) {
                    specs.add(spec(type, i, cards.get(i)));
                }
                yield specs;
            }
        };
    }

    /**
     * Fails the type when a device id could not be written back into an allocation annotation (empty, or with a
     * separator, white space or a control character): HAMi would write a value no reader can parse.
     */
    private static List<DeviceSpec> writable(DeviceType type, List<DeviceSpec> devices) throws WireFormatException {
        for (int i = 0; i < devices.size(); i++) {
            String id = devices.get(i).id();
            if (id.isEmpty() || !id.chars().allMatch(c -> ContainerDevice.isTokenChar((char) c))) {
                throw new WireFormatException("node-devices", type.id() + "[" + i + "].id",
                        "a device id must be non-empty, without separators, white space or control characters", id);
            }
        }
        return devices;
    }

    /** Vastai and Biren devices count 100 cores whatever they register, as HAMi sets them (for the score only). */
    private static DeviceSpec spec(DeviceType type, NodeDevice d) {
        boolean wholeCores = type.kind() == DeviceType.Kind.VASTAI || type.kind() == DeviceType.Kind.BIREN;
        return new DeviceSpec(type, d.id(), d.index(), d.count(), d.devmem(), wholeCores ? 100 : d.devcore(), d.type(),
                d.numa(), d.mode(), d.health(), d.migProfiles(), d.networkId(), "", d.customText());
    }

    private static DeviceSpec spec(DeviceType type, int index, MetaxSgpuDevice d) {
        return new DeviceSpec(type, d.uuid(), index, d.totalDevCount(), d.totalVRam(), d.totalCompute(),
                type.commonWord(), d.numa(), "", d.healthy(), List.of(), null, d.qosPolicy(), d.linkZone());
    }
}
