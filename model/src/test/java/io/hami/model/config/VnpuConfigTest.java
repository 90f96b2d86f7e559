package io.hami.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;

/** An Ascend chip's templates: which one a memory request gets, and the webhook's per-chip settings. */
class VnpuConfigTest {

    private static VnpuConfig chip(String commonWord) {
        return VnpuSection.defaults().configs().stream().filter(c -> c.commonWord().equals(commonWord)).findFirst()
                .orElseThrow();
    }

    @Test
    void aRequestGetsTheSmallestTemplateThatHoldsIt() {
        VnpuConfig b3 = chip("Ascend910B3");
        assertThat(b3.templateFor(1).orElseThrow().name()).isEqualTo("vir05_1c_16g");
        assertThat(b3.templateFor(16384).orElseThrow().name()).isEqualTo("vir05_1c_16g");
        assertThat(b3.templateFor(16385).orElseThrow().name()).isEqualTo("vir10_3c_32g");
        assertThat(b3.templateFor(32769)).isEmpty();
        assertThat(b3.trimmedMemory(16385)).isEqualTo(32768);
    }

    @Test
    void aRequestAboveEveryTemplateBooksTheWholeCardUpToItsCapacity() {
        VnpuConfig p310 = chip("Ascend310P");
        assertThat(p310.trimmedMemory(20000)).isEqualTo(21527);
        assertThat(p310.trimmedMemory(24576)).isEqualTo(21527);
        assertThat(p310.trimmedMemory(24577)).isZero();
    }

    @Test
    void readsHamisRuntimeClassAndOverwriteEnvPerChip() throws WireFormatException {
        var codec = DeviceConfigCodec.INSTANCE;
        DeviceConfig config = codec.decode("""
                vnpus:
                  configs:
                  - chipName: 910B3
                    commonWord: Ascend910B3
                    resourceName: huawei.com/Ascend910B3
                    resourceMemoryName: huawei.com/Ascend910B3-memory
                    memoryAllocatable: 65536
                    runtimeClassName: ascend
                    overwriteEnv: true
                    templates:
                      - name: vir05_1c_16g
                        memory: 16384
                """);
        VnpuConfig chip = config.vnpus().orElseThrow().configs().getFirst();
        assertThat(chip.runtimeClassName()).isEqualTo("ascend");
        assertThat(chip.overwriteEnv()).isTrue();
        assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
        assertThat(chip("Ascend910B3").runtimeClassName()).isEmpty();
        assertThat(chip("Ascend910B3").overwriteEnv()).isFalse();
    }
}
