package io.hami.model.config;

import io.hami.model.config.YamlNode.Location;
import io.hami.model.wire.WireFormatException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a YAML tree into a {@link DeviceConfig}: checks keys and types, fills in defaults for absent keys, and
 * remembers where each value was. Whether the values make sense is the validator's business.
 */
final class DeviceConfigBinder {

    /** The bound configuration and the location of every value that was in the file, by YAML path. */
    record Bound(DeviceConfig config, Map<String, Location> locations) {
    }

    @FunctionalInterface
    private interface SectionBinder<T> {
        T bind(MappingReader reader) throws WireFormatException;
    }

    /** The keys of the {@code nvidia} section: its record's, and HAMi's MIG setting before v2.10. */
    private static final List<String> NVIDIA_KEYS = java.util.stream.Stream.concat(
            keysOf(NvidiaConfig.class).stream(), java.util.stream.Stream.of("knownMigGeometries")).toList();

    private final Map<String, Location> locations = new HashMap<>();

    private DeviceConfigBinder() {
    }

    static Bound bind(YamlNode root) throws WireFormatException {
        var binder = new DeviceConfigBinder();
        DeviceConfig config = binder.root(root);
        return new Bound(config, Map.copyOf(binder.locations));
    }

    private DeviceConfig root(YamlNode root) throws WireFormatException {
        if (root instanceof YamlNode.Scalar s && s.isNullOrEmpty()) {
            return new DeviceConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (!(root instanceof YamlNode.Mapping mapping)) {
            throw MappingReader.error("", root.location(), "expected a mapping of vendor sections, found " + root.kind(), null);
        }
        var r = new MappingReader(mapping, "", locations, DeviceConfig.SECTIONS, "vendor section");
        return new DeviceConfig(
                section(r, "nvidia", NVIDIA_KEYS, this::nvidia),
                section(r, "cambricon", CambriconConfig.class, this::cambricon),
                section(r, "hygon", HygonConfig.class, this::hygon),
                section(r, "metax", MetaxConfig.class, this::metax),
                section(r, "mthreads", MthreadsConfig.class, this::mthreads),
                list(r, "iluvatars", IluvatarConfig.class, this::iluvatar),
                names(r, ResourceSection.Schema.ENFLAME), names(r, ResourceSection.Schema.KUNLUN),
                names(r, ResourceSection.Schema.AWSNEURON), names(r, ResourceSection.Schema.AMD),
                names(r, ResourceSection.Schema.VASTAI), names(r, ResourceSection.Schema.BIREN),
                vnpus(r));
    }

    private NvidiaConfig nvidia(MappingReader r) throws WireFormatException {
        NvidiaConfig d = NvidiaConfig.defaults();
        return new NvidiaConfig(
                r.string("resourceCountName", d.resourceCountName()),
                r.string("resourceMemoryName", d.resourceMemoryName()),
                r.string("resourceMemoryPercentageName", d.resourceMemoryPercentageName()),
                r.string("resourceCoreName", d.resourceCoreName()),
                r.string("resourcePriorityName", d.resourcePriorityName()),
                r.bool("overwriteEnv", d.overwriteEnv()),
                r.int32("defaultMemory", d.defaultMemory()),
                r.int32("defaultCores", d.defaultCores()),
                r.int32("defaultGPUNum", d.defaultGPUNum()),
                r.int32("memoryFactor", d.memoryFactor()),
                gpuCorePolicy(r, d.gpuCorePolicy()),
                r.string("runtimeClassName", d.runtimeClassName()),
                migAllowlist(r),
                r.bool("disableCoreLimit", d.disableCoreLimit()),
                r.int32("deviceSplitCount", d.deviceSplitCount()),
                r.number("deviceMemoryScaling", d.deviceMemoryScaling()),
                r.number("deviceCoreScaling", d.deviceCoreScaling()),
                r.int64("preConfiguredDeviceMemory", d.preConfiguredDeviceMemory()),
                r.int32OrDigits("libCudaLogLevel", d.libCudaLogLevel()),
                r.bool("enableNumaTopology", d.enableNumaTopology()));
    }

    /**
     * {@code migProfileAllowlist}, or the one {@code knownMigGeometries} (HAMi's setting before v2.10) converts to:
     * per entry its models and the profile names of all its geometries, in order of first appearance. A geometry's
     * {@code core}, {@code memory} and {@code count} are read as integers and not used: the device plugin takes them
     * from the GPU. Both keys at once are refused; so is a converted entry without models or profiles or with a name
     * that is not a profile, pointing at the geometry's key.
     */
    private List<NvidiaConfig.MigAllowlistEntry> migAllowlist(MappingReader r) throws WireFormatException {
        List<NvidiaConfig.MigAllowlistEntry> allowlist = list(r, "migProfileAllowlist",
                NvidiaConfig.MigAllowlistEntry.class,
                e -> new NvidiaConfig.MigAllowlistEntry(e.strings("models"), e.strings("profiles")));
        String key = "knownMigGeometries";
        List<NvidiaConfig.MigAllowlistEntry> converted = list(r, key, KnownMigGeometries.class, this::geometries);
        if (converted.isEmpty()) {
            return allowlist;
        }
        if (!allowlist.isEmpty()) {
            throw MappingReader.error(r.pathOf(key), r.value(key).map(YamlNode::location).orElse(null),
                    "set migProfileAllowlist or knownMigGeometries (HAMi before v2.10), not both", null);
        }
        return converted;
    }

    private NvidiaConfig.MigAllowlistEntry geometries(MappingReader e) throws WireFormatException {
        List<String> models = e.strings("models");
        if (models.isEmpty() || models.stream().anyMatch(String::isBlank)) {
            throw MappingReader.error(e.pathOf("models"), locations.get(e.path()),
                    "must list at least one GPU model, none empty", null);
        }
        var profiles = new java.util.LinkedHashSet<String>();
        List<YamlNode> geometries = e.list("allowedGeometries");
        for (int g = 0; g < geometries.size(); g++) {
            String path = e.pathOf("allowedGeometries") + "[" + g + "]";
            if (!(geometries.get(g) instanceof YamlNode.Sequence geometry)) {
                throw MappingReader.error(path, geometries.get(g).location(),
                        "expected a list of MIG templates, found " + geometries.get(g).kind(), null);
            }
            List<MigTemplate> templates = items(geometry.items(), path, MigTemplate.class,
                    t -> new MigTemplate(t.string("name", ""), t.int32("core", 0), t.int32("memory", 0),
                            t.int32("count", 0)));
            for (int t = 0; t < templates.size(); t++) {
                String name = templates.get(t).name();
                if (!DeviceConfigValidator.isMigProfile(name)) {
                    String at = path + "[" + t + "].name";
                    throw MappingReader.error(at, locations.get(at),
                            "expected a MIG profile like 1g.10gb (<n>g.<memory>)", name);
                }
                profiles.add(name);
            }
        }
        if (profiles.isEmpty()) {
            throw MappingReader.error(e.pathOf("allowedGeometries"), locations.get(e.path()),
                    "must list at least one geometry with a MIG template", null);
        }
        return new NvidiaConfig.MigAllowlistEntry(models, List.copyOf(profiles));
    }

    /** One entry of {@code knownMigGeometries}: its keys. */
    private record KnownMigGeometries(List<String> models, List<List<MigTemplate>> allowedGeometries) {
    }

    /** One template of a geometry in {@code knownMigGeometries}: its keys. */
    private record MigTemplate(String name, int core, int memory, int count) {
    }

    private static GpuCorePolicy gpuCorePolicy(MappingReader r, GpuCorePolicy fallback) throws WireFormatException {
        String text = r.string("gpuCorePolicy", null);
        if (text == null) {
            return fallback;
        }
        Optional<GpuCorePolicy> policy = GpuCorePolicy.fromWire(text);
        if (policy.isEmpty()) {
            Location at = r.value("gpuCorePolicy").map(YamlNode::location).orElse(null);
            throw MappingReader.error(r.pathOf("gpuCorePolicy"), at, "expected default, force or disable", text);
        }
        return policy.get();
    }

    private CambriconConfig cambricon(MappingReader r) throws WireFormatException {
        CambriconConfig d = CambriconConfig.defaults();
        return new CambriconConfig(r.string("resourceCountName", d.resourceCountName()),
                r.string("resourceMemoryName", d.resourceMemoryName()), r.string("resourceCoreName", d.resourceCoreName()));
    }

    private HygonConfig hygon(MappingReader r) throws WireFormatException {
        HygonConfig d = HygonConfig.defaults();
        return new HygonConfig(r.string("resourceCountName", d.resourceCountName()),
                r.string("resourceMemoryName", d.resourceMemoryName()), r.string("resourceCoreName", d.resourceCoreName()),
                r.int32("memoryFactor", d.memoryFactor()));
    }

    private MetaxConfig metax(MappingReader r) throws WireFormatException {
        MetaxConfig d = MetaxConfig.defaults();
        return new MetaxConfig(r.string("resourceCountName", d.resourceCountName()),
                r.string("resourceVCountName", d.resourceVCountName()),
                r.string("resourceVMemoryName", d.resourceVMemoryName()),
                r.string("resourceVCoreName", d.resourceVCoreName()),
                r.bool("sgpuTopologyAware", d.sgpuTopologyAware()));
    }

    private MthreadsConfig mthreads(MappingReader r) throws WireFormatException {
        MthreadsConfig d = MthreadsConfig.defaults();
        return new MthreadsConfig(r.string("resourceCountName", d.resourceCountName()),
                r.string("resourceMemoryName", d.resourceMemoryName()), r.string("resourceCoreName", d.resourceCoreName()));
    }

    private IluvatarConfig iluvatar(MappingReader r) throws WireFormatException {
        return new IluvatarConfig(r.string("chipName", ""), r.string("commonWord", ""),
                r.string("resourceCountName", ""), r.string("resourceMemoryName", ""), r.string("resourceCoreName", ""));
    }

    private Optional<VnpuSection> vnpus(MappingReader root) throws WireFormatException {
        Optional<YamlNode> value = root.value("vnpus");
        if (value.isPresent() && value.get() instanceof YamlNode.Sequence legacy) {
            // Charts before v2.10 wrote the chip list directly under vnpus.
            List<VnpuConfig> configs = items(legacy.items(), "vnpus.configs", VnpuConfig.class, this::vnpu);
            return Optional.of(new VnpuSection(false, configs));
        }
        return section(root, "vnpus", VnpuSection.class,
                r -> new VnpuSection(r.bool("hamiVnpuCore", false), list(r, "configs", VnpuConfig.class, this::vnpu)));
    }

    private VnpuConfig vnpu(MappingReader r) throws WireFormatException {
        long allocatable = r.int64("memoryAllocatable", 0);
        return new VnpuConfig(r.string("chipName", ""), r.string("commonWord", ""), r.string("resourceName", ""),
                r.string("resourceMemoryName", ""), r.string("resourceCoreName", ""), allocatable,
                r.int64("memoryCapacity", allocatable), r.int32("memoryFactor", 1), r.int32("aiCore", 0),
                r.int32("aiCPU", 0), r.string("runtimeClassName", ""), r.bool("overwriteEnv", false),
                r.bool("superPod", false),
                list(r, "templates", VnpuConfig.Template.class, t -> new VnpuConfig.Template(t.string("name", ""),
                        t.int64("memory", 0), t.int32("aiCore", 0), t.int32("aiCPU", 0))));
    }

    private <T> Optional<T> section(MappingReader parent, String key, Class<? extends Record> type,
                                    SectionBinder<T> binder) throws WireFormatException {
        return section(parent, key, keysOf(type), binder);
    }

    private <T> Optional<T> section(MappingReader parent, String key, List<String> keys, SectionBinder<T> binder)
            throws WireFormatException {
        Optional<YamlNode> value = parent.value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String path = parent.pathOf(key);
        if (!(value.get() instanceof YamlNode.Mapping mapping)) {
            throw MappingReader.error(path, value.get().location(), "expected a mapping, found " + value.get().kind(),
                    null);
        }
        return Optional.of(binder.bind(new MappingReader(mapping, path, locations, keys, "field")));
    }

    private <T> List<T> list(MappingReader parent, String key, Class<? extends Record> type, SectionBinder<T> binder)
            throws WireFormatException {
        return items(parent.list(key), parent.pathOf(key), type, binder);
    }

    private <T> List<T> items(List<YamlNode> items, String path, Class<? extends Record> type,
                              SectionBinder<T> binder) throws WireFormatException {
        List<T> out = new ArrayList<>();
        for (YamlNode item : items) {
            out.add(binder.bind(reader(item, path + "[" + out.size() + "]", type)));
        }
        return out;
    }

    private MappingReader reader(YamlNode node, String path, Class<? extends Record> type) throws WireFormatException {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw MappingReader.error(path, node.location(), "expected a mapping, found " + node.kind(), null);
        }
        return new MappingReader(mapping, path, locations, keysOf(type), "field");
    }

    /** The YAML keys of a section are the names of its record's components. */
    private static List<String> keysOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }

    private Optional<ResourceSection> names(MappingReader parent, ResourceSection.Schema schema)
            throws WireFormatException {
        String key = schema.section();
        Optional<YamlNode> value = parent.value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof YamlNode.Mapping mapping)) {
            throw MappingReader.error(parent.pathOf(key), value.get().location(),
                    "expected a mapping, found " + value.get().kind(), null);
        }
        var r = new MappingReader(mapping, parent.pathOf(key), locations, schema.keys(), "field");
        var names = new java.util.LinkedHashMap<String, String>();
        for (String field : schema.keys()) {
            names.put(field, r.string(field, schema.defaultOf(field)));
        }
        return Optional.of(new ResourceSection(schema, names));
    }
}
