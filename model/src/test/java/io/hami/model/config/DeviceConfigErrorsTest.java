package io.hami.model.config;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DeviceConfigErrorsTest {

    private static final String VNPU = "{chipName: A, commonWord: A, resourceName: a, resourceMemoryName: b, ";
    private static final String ILUVATAR = "resourceCountName: a, resourceMemoryName: b, resourceCoreName: c}";
    private static final String NVIDIA_KEYS = "resourceCountName, resourceMemoryName, resourceMemoryPercentageName, "
            + "resourceCoreName, resourcePriorityName, overwriteEnv, defaultMemory, defaultCores, defaultGPUNum, "
            + "memoryFactor, gpuCorePolicy, runtimeClassName, migProfileAllowlist, disableCoreLimit, deviceSplitCount, "
            + "deviceMemoryScaling, deviceCoreScaling, preConfiguredDeviceMemory, libCudaLogLevel, enableNumaTopology, "
            + "knownMigGeometries";

    private final DeviceConfigCodec codec = DeviceConfigCodec.INSTANCE;

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                // the configuration as a whole
                arguments("", "(root): all configurations are empty"),
                arguments("# nothing but a comment\n", "(root): all configurations are empty"),
                arguments("nvidia:\ncambricon: ~\niluvatars: []\n", "(root): all configurations are empty"),
                arguments("vnpus:\n  configs: []\n", "(root): all configurations are empty"),
                arguments("- nvidia\n", "(root) (line 1, column 1): expected a mapping of vendor sections, found a list"),
                arguments("just text\n", "(root) (line 1, column 1): expected a mapping of vendor sections, found a string"),
                arguments("nvidai:\n  resourceCountName: x\n", "(root) (line 1, column 1): unknown vendor section "
                        + "\"nvidai\" (known: nvidia, cambricon, hygon, metax, mthreads, iluvatars, enflame, kunlun, "
                        + "awsneuron, amd, vastai, biren, vnpus)"),
                // YAML itself
                arguments("nvidia: {resourceCountName: [x\n", "nvidia.resourceCountName (line 2, column 1): invalid YAML: "
                        + "while parsing a flow sequence: expected ',' or ']', but got <stream end>"),
                arguments("nvidia:\n\tresourceCountName: x\n", "nvidia (line 2, column 1): invalid YAML: while scanning "
                        + "for the next token: found character '\\t(TAB)' that cannot start any token. (Do not use "
                        + "\\t(TAB) for indentation)"),
                arguments("nvidia:\n  memoryFactor: 1\n  memoryFactor: 2\n",
                        "nvidia (line 3, column 3): duplicate key \"memoryFactor\""),
                arguments("base: &b {a: 1}\nnvidia: *b\n", "nvidia (line 2, column 9): YAML aliases are not supported: \"*b\""),
                arguments("nvidia: {}\n---\ncambricon: {}\n", "(root) (line 3, column 1): more than one YAML document"),
                arguments("nvidia:\n  ? [a]\n  : 1\n",
                        "nvidia (line 2, column 6): invalid YAML: keys must be plain values, not lists or mappings"),
                arguments("nvidia: !!binary aGVsbG8=\n",
                        "nvidia (line 1, column 9): unsupported YAML value (VALUE_EMBEDDED_OBJECT)"),
                // types
                arguments("nvidia: [1, 2]\n", "nvidia (line 1, column 9): expected a mapping, found a list"),
                arguments("iluvatars: {chipName: x}\n", "iluvatars (line 1, column 12): expected a list, found a mapping"),
                arguments("vnpus: 5\n", "vnpus (line 1, column 8): expected a mapping, found an integer"),
                arguments("enflame: [a]\n", "enflame (line 1, column 10): expected a mapping, found a list"),
                arguments("nvidia:\n  resourceCountNmae: x\n",
                        "nvidia (line 2, column 3): unknown field \"resourceCountNmae\" (known: " + NVIDIA_KEYS + ")"),
                arguments("nvidia:\n  migstrategy: none\n",
                        "nvidia (line 2, column 3): unknown field \"migstrategy\" (known: " + NVIDIA_KEYS + ")"),
                arguments("vnpus:\n  configz: []\n",
                        "vnpus (line 2, column 3): unknown field \"configz\" (known: hamiVnpuCore, configs)"),
                arguments("nvidia:\n  deviceSplitCount: ten\n",
                        "nvidia.deviceSplitCount (line 2, column 21): expected an integer: \"ten\""),
                arguments("nvidia:\n  deviceSplitCount: 1.5\n",
                        "nvidia.deviceSplitCount (line 2, column 21): expected an integer: \"1.5\""),
                arguments("nvidia:\n  deviceSplitCount: [1]\n",
                        "nvidia.deviceSplitCount (line 2, column 21): expected an integer, found a list"),
                arguments("nvidia:\n  deviceSplitCount: 99999999999\n",
                        "nvidia.deviceSplitCount (line 2, column 21): expected a 32-bit integer: \"99999999999\""),
                arguments("nvidia:\n  overwriteEnv: maybe\n",
                        "nvidia.overwriteEnv (line 2, column 17): expected true or false: \"maybe\""),
                arguments("nvidia:\n  gpuCorePolicy: strict\n",
                        "nvidia.gpuCorePolicy (line 2, column 18): expected default, force or disable: \"strict\""),
                arguments("nvidia:\n  deviceCoreScaling: .nan\n",
                        "nvidia.deviceCoreScaling (line 2, column 26): invalid YAML: Malformed numeric value '.nan'"),
                arguments("nvidia:\n  migProfileAllowlist:\n  - models: [A30, {x: 1}]\n    profiles: [1g.6gb]\n",
                        "nvidia.migProfileAllowlist[0].models[1] (line 3, column 19): expected a string, found a mapping"),
                // HAMi's MIG geometries before v2.10
                arguments("nvidia:\n  migProfileAllowlist:\n  - {models: [A30], profiles: [1g.6gb]}\n"
                        + "  knownMigGeometries:\n  - models: [A30]\n    allowedGeometries: [[{name: 1g.6gb}]]\n",
                        "nvidia.knownMigGeometries (line 5, column 3): set migProfileAllowlist or knownMigGeometries "
                                + "(HAMi before v2.10), not both"),
                arguments("nvidia:\n  knownMigGeometries:\n  - models: [A30]\n    allowedGeometries:\n"
                        + "    - - {name: 1g.6gb, core: 25, memory: 5952, count: 4}\n    - - {name: 6gb, count: 1}\n",
                        "nvidia.knownMigGeometries[0].allowedGeometries[1][0].name (line 6, column 16): expected a MIG "
                                + "profile like 1g.10gb (<n>g.<memory>): \"6gb\""),
                arguments("nvidia:\n  knownMigGeometries:\n  - models: [A30]\n    allowedGeometries:\n"
                        + "    - {name: 1g.6gb}\n",
                        "nvidia.knownMigGeometries[0].allowedGeometries[0] (line 5, column 7): expected a list of MIG "
                                + "templates, found a mapping"),
                arguments("nvidia:\n  knownMigGeometries:\n  - models: [A30]\n    allowedGeometries:\n"
                        + "    - - {name: 1g.6gb, memory: 5952, count: 4, size: 1}\n",
                        "nvidia.knownMigGeometries[0].allowedGeometries[0][0] (line 5, column 48): unknown field "
                                + "\"size\" (known: name, core, memory, count)"),
                arguments("nvidia:\n  knownMigGeometries:\n  - models: [A30]\n    allowedGeometries:\n"
                        + "    - - {name: 1g.6gb, memory: 5.5}\n",
                        "nvidia.knownMigGeometries[0].allowedGeometries[0][0].memory (line 5, column 32): expected "
                                + "an integer: \"5.5\""),
                arguments("nvidia:\n  knownMigGeometries:\n  - allowedGeometries: [[{name: 1g.6gb}]]\n",
                        "nvidia.knownMigGeometries[0].models (line 3, column 5): must list at least one GPU model, "
                                + "none empty"),
                arguments("nvidia:\n  knownMigGeometries:\n  - models: [A30]\n    allowedGeometries: [[]]\n",
                        "nvidia.knownMigGeometries[0].allowedGeometries (line 3, column 5): must list at least one "
                                + "geometry with a MIG template"),
                // values
                arguments("nvidia:\n  deviceSplitCount: -1\n",
                        "nvidia.deviceSplitCount (line 2, column 21): must not be negative: \"-1\""),
                arguments("nvidia:\n  memoryFactor: 0\n", "nvidia.memoryFactor (line 2, column 17): must be at least 1: \"0\""),
                arguments("hygon:\n  memoryFactor: -2\n", "hygon.memoryFactor (line 2, column 17): must be at least 1: \"-2\""),
                arguments("nvidia:\n  deviceMemoryScaling: 0\n",
                        "nvidia.deviceMemoryScaling (line 2, column 24): must be greater than 0: \"0.0\""),
                arguments("nvidia:\n  deviceMemoryScaling: -0.5\n",
                        "nvidia.deviceMemoryScaling (line 2, column 24): must be greater than 0: \"-0.5\""),
                arguments("nvidia:\n  deviceMemoryScaling: 1e400\n",
                        "nvidia.deviceMemoryScaling (line 2, column 24): must be a finite number: \"Infinity\""),
                arguments("nvidia:\n  defaultCores: 101\n",
                        "nvidia.defaultCores (line 2, column 17): must be between 0 and 100: \"101\""),
                arguments("nvidia:\n  libCudaLogLevel: \"7\"\n",
                        "nvidia.libCudaLogLevel (line 2, column 20): must be between 0 and 4: \"7\""),
                arguments("nvidia:\n  resourceCountName: \"\"\n",
                        "nvidia.resourceCountName (line 2, column 22): must not be empty: \"\""),
                arguments("metax:\n  resourceVMemoryName:\n",
                        "metax.resourceVMemoryName (line 2, column 23): must not be empty: \"\""),
                arguments("nvidia:\n  resourceCountName: \"nvidia.com/ gpu\"\n",
                        "nvidia.resourceCountName (line 2, column 22): must not contain whitespace: \"nvidia.com/ gpu\""),
                arguments("nvidia:\n  migProfileAllowlist:\n  - models: [A30]\n    profiles: [1g.6gb, 6gb]\n",
                        "nvidia.migProfileAllowlist[0].profiles[1] (line 4, column 24): expected a MIG profile like "
                                + "1g.10gb (<n>g.<memory>): \"6gb\""),
                arguments("nvidia:\n  migProfileAllowlist:\n  - models: [A30]\n",
                        "nvidia.migProfileAllowlist[0].profiles (line 3, column 5): must list at least one MIG profile"),
                arguments("nvidia:\n  migProfileAllowlist:\n  - profiles: [1g.5gb]\n",
                        "nvidia.migProfileAllowlist[0].models (line 3, column 5): must list at least one GPU model"),
                arguments("iluvatars:\n- {chipName: A, commonWord: A, " + ILUVATAR + "\n- {chipName: A, commonWord: B, "
                        + ILUVATAR + "\n", "iluvatars[1].chipName (line 3, column 14): duplicate chipName (also "
                        + "iluvatars[0]): \"A\""),
                arguments("iluvatars:\n- chipName: A\n", "iluvatars[0].commonWord (line 2, column 3): must not be empty: \"\""),
                arguments("vnpus:\n  configs:\n  - " + VNPU + "memoryAllocatable: 10, templates: [{name: t, memory: -5}]}\n",
                        "vnpus.configs[0].templates[0].memory (line 3, column 127): must be greater than 0: \"-5\""),
                arguments("vnpus:\n  configs:\n  - " + VNPU + "memoryAllocatable: 10, memoryCapacity: 5, "
                        + "templates: [{name: t, memory: 5}]}\n", "vnpus.configs[0].memoryCapacity (line 3, column 113): "
                        + "must be at least memoryAllocatable (10): \"5\""),
                arguments("vnpus:\n  configs:\n  - " + VNPU + "memoryAllocatable: 10}\n",
                        "vnpus.configs[0].templates (line 3, column 5): must list at least one template"),
                arguments("vnpus:\n  configs:\n  - " + VNPU + "templates: [{name: t, memory: 5}]}\n",
                        "vnpus.configs[0].memoryAllocatable (line 3, column 5): must be greater than 0: \"0\""),
                arguments("vnpus:\n- " + VNPU + "memoryAllocatable: 10, templates: [{name: t, memory: 5}, {name: t, memory: 6}]}\n",
                        "vnpus.configs[0].templates[1].name (line 2, column 136): duplicate name (also "
                                + "vnpus.configs[0].templates[0]): \"t\""),
                arguments("vnpus:\n- " + VNPU + "memoryAllocatable: 10, templates: [{name: t, memory: 5}]}\n- "
                        + VNPU + "memoryAllocatable: 10, templates: [{name: t, memory: 5}]}\n",
                        "vnpus.configs[1].chipName (line 3, column 14): duplicate chipName (also vnpus.configs[0]): \"A\""));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidFiles")
    void rejectsWithAMessageNamingPathLineAndText(String yaml, String message) {
        assertThatThrownBy(() -> codec.decode(yaml))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("device-config: " + message);
    }

    @Test
    void refusesHugeDocumentsBeforeParsing() {
        assertThatThrownBy(() -> codec.decode("#" + "a".repeat(DeviceConfigCodec.MAX_CHARS)))
                .hasMessage("device-config: (root): document longer than 1048576 characters");
    }

    @Test
    void refusesDeepNesting() {
        assertThatThrownBy(() -> codec.decode("amd: " + "[".repeat(200) + "]".repeat(200)))
                .hasMessageContaining("nested deeper than 32 levels");
    }

    @Test
    void refusesTooManyNodes() {
        // a flow sequence over many lines, since a line may not be longer than MAX_LINE_CHARS
        String yaml = "amd:\n  x: [" + ("1, ".repeat(100) + "\n    ").repeat(YamlTreeReader.MAX_NODES / 100) + "1]\n";
        assertThatThrownBy(() -> codec.decode(yaml)).hasMessageContaining("more than 100000 YAML nodes");
    }

    @Test
    void refusesAliasBombsWithoutExpandingThem() {
        String yaml = """
                a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                amd: {lol: *c}
                """;
        assertThatThrownBy(() -> codec.decode(yaml)).hasMessageContaining("YAML aliases are not supported");
    }

    @Test
    void validatesConfigurationsBuiltInCodeWithoutLocations() {
        DeviceConfig defaults = DeviceConfig.defaults();
        NvidiaConfig d = NvidiaConfig.defaults();
        NvidiaConfig nan = new NvidiaConfig(d.resourceCountName(), d.resourceMemoryName(),
                d.resourceMemoryPercentageName(), d.resourceCoreName(), d.resourcePriorityName(), false, 0, 0, 1, 1,
                GpuCorePolicy.FORCE, "", List.of(), false, 10, Double.NaN, 1, 0, 1, false);
        DeviceConfig bad = new DeviceConfig(Optional.of(nan), defaults.cambricon(), defaults.hygon(), defaults.metax(),
                defaults.mthreads(), defaults.iluvatars(), defaults.enflame(), defaults.kunlun(), defaults.awsneuron(),
                defaults.amd(), defaults.vastai(), defaults.biren(), defaults.vnpus());
        assertThatThrownBy(() -> DeviceConfigValidator.validate(bad))
                .hasMessage("device-config: nvidia.deviceMemoryScaling: must be a finite number: \"NaN\"");
    }
}
