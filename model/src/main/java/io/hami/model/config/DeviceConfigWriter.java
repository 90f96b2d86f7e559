package io.hami.model.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * Builds the canonical tree of a {@link DeviceConfig}: sections in {@link DeviceConfig#SECTIONS} order, absent
 * sections left out, every key of a present section written (defaults included), keys in record order, and
 * {@code vnpus} always as the v2.10 mapping.
 */
final class DeviceConfigWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DeviceConfigWriter() {
    }

    static ObjectNode tree(DeviceConfig config) {
        ObjectNode root = JSON.objectNode();
        config.nvidia().ifPresent(n -> root.set("nvidia", nvidia(n)));
        config.cambricon().ifPresent(c -> root.set("cambricon", JSON.objectNode()
                .put("resourceCountName", c.resourceCountName())
                .put("resourceMemoryName", c.resourceMemoryName())
                .put("resourceCoreName", c.resourceCoreName())));
        config.hygon().ifPresent(h -> root.set("hygon", JSON.objectNode()
                .put("resourceCountName", h.resourceCountName())
                .put("resourceMemoryName", h.resourceMemoryName())
                .put("resourceCoreName", h.resourceCoreName())
                .put("memoryFactor", h.memoryFactor())));
        config.metax().ifPresent(m -> root.set("metax", JSON.objectNode()
                .put("resourceCountName", m.resourceCountName())
                .put("resourceVCountName", m.resourceVCountName())
                .put("resourceVMemoryName", m.resourceVMemoryName())
                .put("resourceVCoreName", m.resourceVCoreName())
                .put("sgpuTopologyAware", m.sgpuTopologyAware())));
        config.mthreads().ifPresent(m -> root.set("mthreads", JSON.objectNode()
                .put("resourceCountName", m.resourceCountName())
                .put("resourceMemoryName", m.resourceMemoryName())
                .put("resourceCoreName", m.resourceCoreName())));
        if (!config.iluvatars().isEmpty()) {
            ArrayNode chips = root.putArray("iluvatars");
            config.iluvatars().forEach(c -> chips.addObject()
                    .put("chipName", c.chipName())
                    .put("commonWord", c.commonWord())
                    .put("resourceCountName", c.resourceCountName())
                    .put("resourceMemoryName", c.resourceMemoryName())
                    .put("resourceCoreName", c.resourceCoreName()));
        }
        for (var section : List.of(config.enflame(), config.kunlun(), config.awsneuron(), config.amd(), config.vastai(),
                config.biren())) {
            section.ifPresent(s -> {
                ObjectNode node = root.putObject(s.schema().section());
                s.names().forEach(node::put);
            });
        }
        config.vnpus().ifPresent(v -> root.set("vnpus", vnpus(v)));
        return root;
    }

    private static ObjectNode nvidia(NvidiaConfig n) {
        ObjectNode node = JSON.objectNode()
                .put("resourceCountName", n.resourceCountName())
                .put("resourceMemoryName", n.resourceMemoryName())
                .put("resourceMemoryPercentageName", n.resourceMemoryPercentageName())
                .put("resourceCoreName", n.resourceCoreName())
                .put("resourcePriorityName", n.resourcePriorityName())
                .put("overwriteEnv", n.overwriteEnv())
                .put("defaultMemory", n.defaultMemory())
                .put("defaultCores", n.defaultCores())
                .put("defaultGPUNum", n.defaultGPUNum())
                .put("memoryFactor", n.memoryFactor())
                .put("gpuCorePolicy", n.gpuCorePolicy().wireName())
                .put("runtimeClassName", n.runtimeClassName());
        ArrayNode allowlist = node.putArray("migProfileAllowlist");
        for (NvidiaConfig.MigAllowlistEntry entry : n.migProfileAllowlist()) {
            ObjectNode e = allowlist.addObject();
            strings(e.putArray("models"), entry.models());
            strings(e.putArray("profiles"), entry.profiles());
        }
        return node.put("disableCoreLimit", n.disableCoreLimit())
                .put("deviceSplitCount", n.deviceSplitCount())
                .put("deviceMemoryScaling", n.deviceMemoryScaling())
                .put("deviceCoreScaling", n.deviceCoreScaling())
                .put("preConfiguredDeviceMemory", n.preConfiguredDeviceMemory())
                .put("libCudaLogLevel", n.libCudaLogLevel())
                .put("enableNumaTopology", n.enableNumaTopology());
    }

    private static ObjectNode vnpus(VnpuSection section) {
        ObjectNode node = JSON.objectNode().put("hamiVnpuCore", section.hamiVnpuCore());
        ArrayNode configs = node.putArray("configs");
        for (VnpuConfig c : section.configs()) {
            ObjectNode chip = configs.addObject()
                    .put("chipName", c.chipName())
                    .put("commonWord", c.commonWord())
                    .put("resourceName", c.resourceName())
                    .put("resourceMemoryName", c.resourceMemoryName())
                    .put("resourceCoreName", c.resourceCoreName())
                    .put("memoryAllocatable", c.memoryAllocatable())
                    .put("memoryCapacity", c.memoryCapacity())
                    .put("memoryFactor", c.memoryFactor())
                    .put("aiCore", c.aiCore())
                    .put("aiCPU", c.aiCPU())
                    .put("runtimeClassName", c.runtimeClassName())
                    .put("overwriteEnv", c.overwriteEnv())
                    .put("superPod", c.superPod());
            ArrayNode templates = chip.putArray("templates");
            c.templates().forEach(t -> templates.addObject()
                    .put("name", t.name())
                    .put("memory", t.memory())
                    .put("aiCore", t.aiCore())
                    .put("aiCPU", t.aiCPU()));
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
