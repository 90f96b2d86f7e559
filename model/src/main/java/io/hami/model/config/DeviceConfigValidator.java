package io.hami.model.config;

import io.hami.model.config.YamlNode.Location;
import io.hami.model.wire.WireFormatException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a {@link DeviceConfig} makes sense. The codec runs it after binding, so
 * its errors carry the YAML path and, for values that came from a file, the line and column; a configuration
 * built in code can be checked with {@link #validate(DeviceConfig)}.
 *
 * <p>Rules: at least one section is present; resource names that a vendor needs are not empty and contain no
 * whitespace; counts, MiB amounts and indexes are not negative; {@code memoryFactor} is at least 1; scaling
 * factors are finite and greater than 0; percentages are 0..100; {@code libCudaLogLevel} is 0..4; MIG profiles
 * look like {@code 1g.10gb}; chip names and device types are unique within {@code iluvatars} and
 * {@code vnpus}; every Ascend chip has templates with unique names and positive memory, and
 * {@code memoryCapacity} is at least {@code memoryAllocatable}. HAMi checks only some of these (the MIG
 * profiles, the empty configuration); the others catch mistakes that HAMi would turn into silently
 * unschedulable pods.
 */
public final class DeviceConfigValidator {

    private static final Pattern MIG_PROFILE = Pattern.compile("[1-9][0-9]*g\\.\\S+");

    private final Map<String, Location> locations;

    private DeviceConfigValidator(Map<String, Location> locations) {
        this.locations = locations;
    }

    /** Checks a configuration; errors name the YAML path of the first problem. */
    public static void validate(DeviceConfig config) throws WireFormatException {
        validate(config, Map.of());
    }

    static void validate(DeviceConfig config, Map<String, Location> locations) throws WireFormatException {
        new DeviceConfigValidator(locations).check(config);
    }

    private void check(DeviceConfig config) throws WireFormatException {
        if (config.isEmpty()) {
            throw fail("", "all configurations are empty", null);
        }
        if (config.nvidia().isPresent()) {
            nvidia(config.nvidia().get());
        }
        if (config.cambricon().isPresent()) {
            CambriconConfig c = config.cambricon().get();
            names("cambricon", "resourceCountName", c.resourceCountName(), "resourceMemoryName", c.resourceMemoryName(),
                    "resourceCoreName", c.resourceCoreName());
        }
        if (config.hygon().isPresent()) {
            HygonConfig h = config.hygon().get();
            names("hygon", "resourceCountName", h.resourceCountName(), "resourceMemoryName", h.resourceMemoryName(),
                    "resourceCoreName", h.resourceCoreName());
            atLeast("hygon.memoryFactor", h.memoryFactor(), 1);
        }
        if (config.metax().isPresent()) {
            MetaxConfig m = config.metax().get();
            names("metax", "resourceCountName", m.resourceCountName(), "resourceVCountName", m.resourceVCountName(),
                    "resourceVMemoryName", m.resourceVMemoryName(), "resourceVCoreName", m.resourceVCoreName());
        }
        if (config.mthreads().isPresent()) {
            MthreadsConfig m = config.mthreads().get();
            names("mthreads", "resourceCountName", m.resourceCountName(), "resourceMemoryName", m.resourceMemoryName(),
                    "resourceCoreName", m.resourceCoreName());
        }
        for (var section : List.of(config.enflame(), config.kunlun(), config.awsneuron(), config.amd(), config.vastai(),
                config.biren())) {
            if (section.isPresent()) {
                resourceSection(section.get());
            }
        }
        iluvatars(config.iluvatars());
        if (config.vnpus().isPresent()) {
            vnpus(config.vnpus().get().configs());
        }
    }

    private void nvidia(NvidiaConfig n) throws WireFormatException {
        names("nvidia", "resourceCountName", n.resourceCountName(), "resourceMemoryName", n.resourceMemoryName(),
                "resourceMemoryPercentageName", n.resourceMemoryPercentageName(),
                "resourceCoreName", n.resourceCoreName(), "resourcePriorityName", n.resourcePriorityName());
        notNegative("nvidia.defaultMemory", n.defaultMemory());
        between("nvidia.defaultCores", n.defaultCores(), 0, 100);
        notNegative("nvidia.defaultGPUNum", n.defaultGPUNum());
        atLeast("nvidia.memoryFactor", n.memoryFactor(), 1);
        if (!n.runtimeClassName().isEmpty()) {
            name("nvidia.runtimeClassName", n.runtimeClassName());
        }
        for (int i = 0; i < n.migProfileAllowlist().size(); i++) {
            migEntry("nvidia.migProfileAllowlist[" + i + "]", n.migProfileAllowlist().get(i));
        }
        notNegative("nvidia.deviceSplitCount", n.deviceSplitCount());
        positive("nvidia.deviceMemoryScaling", n.deviceMemoryScaling());
        positive("nvidia.deviceCoreScaling", n.deviceCoreScaling());
        notNegative("nvidia.preConfiguredDeviceMemory", n.preConfiguredDeviceMemory());
        between("nvidia.libCudaLogLevel", n.libCudaLogLevel(), 0, 4);
    }

    /** Whether a name has the form of a MIG profile, {@code <n>g.<memory>}. */
    static boolean isMigProfile(String name) {
        return MIG_PROFILE.matcher(name).matches();
    }

    private void migEntry(String path, NvidiaConfig.MigAllowlistEntry entry) throws WireFormatException {
        if (entry.models().isEmpty()) {
            throw fail(path + ".models", "must list at least one GPU model", null);
        }
        for (int i = 0; i < entry.models().size(); i++) {
            if (entry.models().get(i).isBlank()) {
                throw fail(path + ".models[" + i + "]", "must not be empty", entry.models().get(i));
            }
        }
        if (entry.profiles().isEmpty()) {
            throw fail(path + ".profiles", "must list at least one MIG profile", null);
        }
        for (int i = 0; i < entry.profiles().size(); i++) {
            String profile = entry.profiles().get(i);
            if (!isMigProfile(profile)) {
                throw fail(path + ".profiles[" + i + "]", "expected a MIG profile like 1g.10gb (<n>g.<memory>)", profile);
            }
        }
    }

    private void iluvatars(List<IluvatarConfig> chips) throws WireFormatException {
        for (int i = 0; i < chips.size(); i++) {
            IluvatarConfig c = chips.get(i);
            names("iluvatars[" + i + "]", "chipName", c.chipName(), "commonWord", c.commonWord(),
                    "resourceCountName", c.resourceCountName(), "resourceMemoryName", c.resourceMemoryName(),
                    "resourceCoreName", c.resourceCoreName());
        }
        unique("iluvatars", chips, "chipName", IluvatarConfig::chipName);
        unique("iluvatars", chips, "commonWord", IluvatarConfig::commonWord);
    }

    private void vnpus(List<VnpuConfig> chips) throws WireFormatException {
        for (int i = 0; i < chips.size(); i++) {
            vnpu("vnpus.configs[" + i + "]", chips.get(i));
        }
        unique("vnpus.configs", chips, "chipName", VnpuConfig::chipName);
        unique("vnpus.configs", chips, "commonWord", VnpuConfig::commonWord);
    }

    private void vnpu(String path, VnpuConfig c) throws WireFormatException {
        names(path, "chipName", c.chipName(), "commonWord", c.commonWord(), "resourceName", c.resourceName(),
                "resourceMemoryName", c.resourceMemoryName());
        if (!c.resourceCoreName().isEmpty()) {
            name(path + ".resourceCoreName", c.resourceCoreName());
        }
        if (c.memoryAllocatable() <= 0) {
            throw fail(path + ".memoryAllocatable", "must be greater than 0", String.valueOf(c.memoryAllocatable()));
        }
        if (c.memoryCapacity() < c.memoryAllocatable()) {
            throw fail(path + ".memoryCapacity", "must be at least memoryAllocatable (" + c.memoryAllocatable() + ")",
                    String.valueOf(c.memoryCapacity()));
        }
        atLeast(path + ".memoryFactor", c.memoryFactor(), 1);
        notNegative(path + ".aiCore", c.aiCore());
        notNegative(path + ".aiCPU", c.aiCPU());
        if (!c.runtimeClassName().isEmpty()) {
            name(path + ".runtimeClassName", c.runtimeClassName());
        }
        if (c.templates().isEmpty()) {
            throw fail(path + ".templates", "must list at least one template", null);
        }
        for (int i = 0; i < c.templates().size(); i++) {
            String at = path + ".templates[" + i + "]";
            VnpuConfig.Template t = c.templates().get(i);
            name(at + ".name", t.name());
            if (t.memory() <= 0) {
                throw fail(at + ".memory", "must be greater than 0", String.valueOf(t.memory()));
            }
            notNegative(at + ".aiCore", t.aiCore());
            notNegative(at + ".aiCPU", t.aiCPU());
        }
        unique(path + ".templates", c.templates(), "name", VnpuConfig.Template::name);
    }

    private <T> void unique(String path, List<T> items, String field, Function<T, String> key)
            throws WireFormatException {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String value = key.apply(items.get(i));
            Integer earlier = first.putIfAbsent(value, i);
            if (earlier != null) {
                throw fail(path + "[" + i + "]." + field,
                        "duplicate " + field + " (also " + path + "[" + earlier + "])", value);
            }
        }
    }

    /** Checks pairs of (key, value) below a section path. */
    private void resourceSection(ResourceSection section) throws WireFormatException {
        for (var e : section.names().entrySet()) {
            if (!(e.getValue().isEmpty() && section.schema().optional(e.getKey()))) {
                name(section.schema().section() + "." + e.getKey(), e.getValue());
            }
        }
    }

    private void names(String section, String... keysAndValues) throws WireFormatException {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            name(section + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    private void name(String path, String value) throws WireFormatException {
        if (value.isEmpty()) {
            throw fail(path, "must not be empty", value);
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw fail(path, "must not contain whitespace", value);
        }
    }

    private void notNegative(String path, long value) throws WireFormatException {
        if (value < 0) {
            throw fail(path, "must not be negative", String.valueOf(value));
        }
    }

    private void atLeast(String path, long value, long min) throws WireFormatException {
        if (value < min) {
            throw fail(path, "must be at least " + min, String.valueOf(value));
        }
    }

    private void between(String path, long value, long min, long max) throws WireFormatException {
        if (value < min || value > max) {
            throw fail(path, "must be between " + min + " and " + max, String.valueOf(value));
        }
    }

    private void positive(String path, double value) throws WireFormatException {
        if (!Double.isFinite(value)) {
            throw fail(path, "must be a finite number", String.valueOf(value));
        }
        if (value <= 0) {
            throw fail(path, "must be greater than 0", String.valueOf(value));
        }
    }

    private WireFormatException fail(String path, String problem, String offending) {
        return new WireFormatException(DeviceConfigCodec.FORMAT, YamlNode.describe(path, locate(path).orElse(null)),
                problem, offending);
    }

    /** The location of a path, or of the nearest enclosing value that was in the file; none for the root. */
    private Optional<Location> locate(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Location location = locations.get(p);
            if (location != null) {
                return Optional.of(location);
            }
            p = p.substring(0, Math.max(Math.max(p.lastIndexOf('.'), p.lastIndexOf('[')), 0));
        }
        return Optional.empty();
    }
}
