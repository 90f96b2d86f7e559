package io.hami.model.config;

import io.hami.model.json.CanonicalJson;
import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceConfigCodecTest {

    static final String CHART_FILE = "chart-default-device-config.yaml";
    private final DeviceConfigCodec codec = DeviceConfigCodec.INSTANCE;

    static String chartYaml() {
        try (InputStream in = DeviceConfigCodecTest.class.getResourceAsStream(CHART_FILE)) {
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path chartPath() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(DeviceConfigCodecTest.class.getResource(CHART_FILE)).toURI());
    }

    @Test
    void loadsTheChartDefaultFile() throws Exception {
        DeviceConfig config = DeviceConfigLoader.load(chartPath());

        NvidiaConfig nvidia = config.nvidia().orElseThrow();
        assertThat(nvidia.resourceCountName()).isEqualTo("nvidia.com/gpu");
        assertThat(nvidia.resourceMemoryPercentageName()).isEqualTo("nvidia.com/gpumem-percentage");
        assertThat(nvidia.resourcePriorityName()).isEqualTo("nvidia.com/priority");
        assertThat(nvidia.defaultGPUNum()).isEqualTo(1);
        assertThat(nvidia.memoryFactor()).isEqualTo(1);
        assertThat(nvidia.deviceSplitCount()).isEqualTo(10);
        assertThat(nvidia.deviceMemoryScaling()).isEqualTo(1.0);
        assertThat(nvidia.gpuCorePolicy()).isEqualTo(GpuCorePolicy.DEFAULT);
        assertThat(nvidia.libCudaLogLevel()).isEqualTo(1);
        assertThat(nvidia.runtimeClassName()).isEmpty();
        assertThat(nvidia.migProfileAllowlist()).hasSize(4);
        assertThat(nvidia.migProfileAllowlist().get(0))
                .isEqualTo(new NvidiaConfig.MigAllowlistEntry(List.of("A30"), List.of("1g.6gb", "2g.12gb", "4g.24gb")));

        assertThat(config.cambricon()).contains(CambriconConfig.defaults());
        assertThat(config.hygon()).contains(HygonConfig.defaults());
        assertThat(config.metax()).contains(MetaxConfig.defaults());
        assertThat(config.mthreads()).contains(MthreadsConfig.defaults());
        assertThat(config.iluvatars()).isEqualTo(IluvatarConfig.defaults());
        assertThat(config.iluvatars().get(2).resourceMemoryName()).isEqualTo("iluvatar.ai/BI-V150.vMem");

        VnpuSection vnpus = config.vnpus().orElseThrow();
        assertThat(vnpus).isEqualTo(VnpuSection.defaults());
        VnpuConfig ascend310 = vnpus.configs().get(5);
        assertThat(ascend310.commonWord()).isEqualTo("Ascend310P");
        assertThat(ascend310.memoryAllocatable()).isEqualTo(21527);
        assertThat(ascend310.memoryCapacity()).isEqualTo(24576);
        assertThat(ascend310.templates().get(2)).isEqualTo(new VnpuConfig.Template("vir04", 12288, 4, 4));
        assertThat(vnpus.configs().get(0).aiCPU()).isZero();
        assertThat(vnpus.configs().get(6).superPod()).isTrue();
        assertThat(vnpus.configs().get(6).memoryFactor()).isEqualTo(1);

        assertThat(config.enflame().orElseThrow().name("resourceNameDRSGCU")).isEqualTo("enflame.com/drs-gcu");
        assertThat(config.amd().orElseThrow().name("resourceMemoryName")).isEqualTo("amd.com/gpumem");
    }

    @Test
    void chartFileIsTheDefaultsPlusAMigAllowlist() throws WireFormatException {
        DeviceConfig config = codec.decode(chartYaml());
        DeviceConfig defaults = DeviceConfig.defaults();
        NvidiaConfig n = config.nvidia().orElseThrow();
        NvidiaConfig withoutAllowlist = new NvidiaConfig(n.resourceCountName(), n.resourceMemoryName(),
                n.resourceMemoryPercentageName(), n.resourceCoreName(), n.resourcePriorityName(), n.overwriteEnv(),
                n.defaultMemory(), n.defaultCores(), n.defaultGPUNum(), n.memoryFactor(), n.gpuCorePolicy(),
                n.runtimeClassName(), List.of(), n.disableCoreLimit(), n.deviceSplitCount(), n.deviceMemoryScaling(),
                n.deviceCoreScaling(), n.preConfiguredDeviceMemory(), n.libCudaLogLevel(), n.enableNumaTopology());
        assertThat(withoutAllowlist).isEqualTo(defaults.nvidia().orElseThrow());
        assertThat(config.enflame()).isEqualTo(defaults.enflame());
        assertThat(config.kunlun()).isEqualTo(defaults.kunlun());
        assertThat(config.awsneuron()).isEqualTo(defaults.awsneuron());
        assertThat(config.amd()).isEqualTo(defaults.amd());
        assertThat(config.vastai()).isEqualTo(defaults.vastai());
        assertThat(config.biren()).isEqualTo(defaults.biren());
    }

    @Test
    void defaultsAndTheChartFileRoundTrip() throws WireFormatException {
        DeviceConfig defaults = DeviceConfig.defaults();
        assertThat(codec.decode(codec.encode(defaults))).isEqualTo(defaults);
        DeviceConfig chart = codec.decode(chartYaml());
        String encoded = codec.encode(chart);
        assertThat(codec.decode(encoded)).isEqualTo(chart);
        assertThat(codec.encode(codec.decode(encoded))).isEqualTo(encoded);
    }

    @Test
    void encodesReadableYamlInChartOrder() {
        String yaml = codec.encode(DeviceConfig.defaults());
        assertThat(yaml).startsWith("""
                nvidia:
                  resourceCountName: nvidia.com/gpu
                  resourceMemoryName: nvidia.com/gpumem
                """);
        assertThat(yaml).contains("  gpuCorePolicy: default\n", "  deviceMemoryScaling: 1.0\n",
                "  runtimeClassName: \"\"\n", "vnpus:\n  hamiVnpuCore: false\n  configs:\n    - chipName: 910A\n");
        assertThat(yaml.indexOf("\ncambricon:")).isLessThan(yaml.indexOf("\niluvatars:"));
        assertThat(yaml.indexOf("\nbiren:")).isLessThan(yaml.indexOf("\nvnpus:"));
    }

    @Test
    void absentKeysTakeTheirDefaults() throws WireFormatException {
        DeviceConfig config = codec.decode("""
                nvidia:
                  resourceCountName: hami.io/gpu
                  deviceSplitCount: 4
                hygon: {}
                """);
        NvidiaConfig d = NvidiaConfig.defaults();
        NvidiaConfig n = config.nvidia().orElseThrow();
        assertThat(n.resourceCountName()).isEqualTo("hami.io/gpu");
        assertThat(n.deviceSplitCount()).isEqualTo(4);
        assertThat(n.resourceMemoryName()).isEqualTo(d.resourceMemoryName());
        assertThat(n.memoryFactor()).isEqualTo(1);
        assertThat(n.defaultGPUNum()).isEqualTo(1);
        assertThat(n.deviceCoreScaling()).isEqualTo(1.0);
        assertThat(n.gpuCorePolicy()).isEqualTo(GpuCorePolicy.DEFAULT);
        assertThat(config.hygon()).contains(HygonConfig.defaults());
        assertThat(config.cambricon()).isEmpty();
        assertThat(config.iluvatars()).isEmpty();
        assertThat(config.vnpus()).isEmpty();
    }

    @Test
    void nullSectionsAndValuesCountAsAbsent() throws WireFormatException {
        DeviceConfig config = codec.decode("""
                nvidia:
                  memoryFactor: ~
                  deviceMemoryScaling:
                  gpuCorePolicy: ""
                cambricon:
                iluvatars: null
                """);
        assertThat(config.nvidia()).contains(NvidiaConfig.defaults());
        assertThat(config.cambricon()).isEmpty();
        assertThat(config.iluvatars()).isEmpty();
    }

    @Test
    void readsThePreV210VnpuListAndWritesTheMapping() throws WireFormatException {
        DeviceConfig config = codec.decode("""
                vnpus:
                - chipName: 910B3
                  commonWord: Ascend910B3
                  resourceName: huawei.com/Ascend910B3
                  resourceMemoryName: huawei.com/Ascend910B3-memory
                  memoryAllocatable: 65536
                  aiCore: 20
                  aiCPU: 7
                  templates:
                    - name: vir05_1c_16g
                      memory: 16384
                      aiCore: 5
                      aiCPU: 1
                """);
        VnpuSection vnpus = config.vnpus().orElseThrow();
        assertThat(vnpus.hamiVnpuCore()).isFalse();
        VnpuConfig chip = vnpus.configs().getFirst();
        assertThat(chip.memoryCapacity()).isEqualTo(65536);
        assertThat(chip.memoryFactor()).isEqualTo(1);
        assertThat(chip.resourceCoreName()).isEmpty();
        assertThat(codec.encode(config)).contains("vnpus:\n  hamiVnpuCore: false\n  configs:\n");
        assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
    }

    @Test
    void readsThePreV210MigGeometriesAsTheAllowlistOfTheirProfiles() throws WireFormatException {
        DeviceConfig config = codec.decode("""
                nvidia:
                  knownMigGeometries:
                  - models: ["A100-SXM4-40GB", "A100-40GB-PCIe"]
                    allowedGeometries:
                      - - name: 1g.5gb
                          core: 14
                          memory: 5120
                          count: 7
                      - - name: 2g.10gb
                          core: 28
                          memory: 10240
                          count: 3
                        - name: 1g.5gb
                          core: 14
                          memory: 5120
                          count: 1
                  - models: ["A30"]
                    allowedGeometries:
                      - - {name: 4g.24gb, core: 100, memory: 24576, count: 1}
                """);
        assertThat(config.nvidia().orElseThrow().migProfileAllowlist()).containsExactly(
                new NvidiaConfig.MigAllowlistEntry(List.of("A100-SXM4-40GB", "A100-40GB-PCIe"),
                        List.of("1g.5gb", "2g.10gb")),
                new NvidiaConfig.MigAllowlistEntry(List.of("A30"), List.of("4g.24gb")));
        assertThat(codec.encode(config)).contains("migProfileAllowlist:").doesNotContain("knownMigGeometries");
        assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
    }

    @Test
    void stringFieldsTakeScalarsAsWritten() throws WireFormatException {
        DeviceConfig config = codec.decode("""
                iluvatars:
                - chipName: 310
                  commonWord: true
                  resourceCountName: iluvatar.ai/310-vgpu
                  resourceMemoryName: iluvatar.ai/310.vMem
                  resourceCoreName: iluvatar.ai/310.vCore
                nvidia:
                  libCudaLogLevel: "4"
                """);
        assertThat(config.iluvatars().getFirst().chipName()).isEqualTo("310");
        assertThat(config.iluvatars().getFirst().commonWord()).isEqualTo("true");
        assertThat(config.nvidia().orElseThrow().libCudaLogLevel()).isEqualTo(4);
        assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
    }

    @Test
    void resourceNameSectionsTakeTheChartsNamesForKeysLeftOut() throws WireFormatException {
        DeviceConfig config = codec.decode("""
                amd:
                  resourceCountName: example.com/gpu
                enflame:
                  resourceNameDRSGCU: ""
                  resourceNameVGCU: enflame.com/vgcu
                """);
        ResourceSection amd = config.amd().orElseThrow();
        assertThat(amd.name("resourceCountName")).isEqualTo("example.com/gpu");
        assertThat(amd.name("resourceMemoryName")).isEqualTo("amd.com/gpumem");
        assertThat(config.enflame().orElseThrow().name("resourceNameVGCU")).isEqualTo("enflame.com/vgcu");
        assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
    }

    @Test
    void refusesAnUnknownKeyInAResourceNameSection() {
        assertThatThrownBy(() -> codec.decode("""
                biren:
                  resourceCountName: birentech.com/gpu
                  resourceMemoryName: birentech.com/mem
                """))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("biren")
                .hasMessageContaining("unknown field \"resourceMemoryName\" (known: resourceCountName)");
    }

    @Test
    void refusesAnEmptyResourceNameOtherThanEnflamesLegacyOnes() {
        assertThatThrownBy(() -> codec.decode("kunlun:\n  resourceVCountName: \" \"\n"))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("kunlun.resourceVCountName");
    }

    @Test
    void hasACanonicalJsonForm() throws Exception {
        DeviceConfig defaults = DeviceConfig.defaults();
        String json = CanonicalJson.MAPPER.writeValueAsString(defaults);
        assertThat(json).contains("\"gpuCorePolicy\":\"default\"", "\"cambricon\":{\"resourceCountName\"");
        assertThat(CanonicalJson.MAPPER.readValue(json, DeviceConfig.class)).isEqualTo(defaults);
        DeviceConfig sparse = codec.decode("vastai:\n  resourceCountName: vastaitech.com/va\n");
        String sparseJson = CanonicalJson.MAPPER.writeValueAsString(sparse);
        assertThat(CanonicalJson.MAPPER.readValue(sparseJson, DeviceConfig.class)).isEqualTo(sparse);
        assertThat(sparse.nvidia()).isEqualTo(Optional.empty());
    }

    @Test
    void namesItsFormat() {
        assertThat(codec.format()).isEqualTo("device-config");
        assertThat(codec.valueType()).isEqualTo(DeviceConfig.class);
    }
}
