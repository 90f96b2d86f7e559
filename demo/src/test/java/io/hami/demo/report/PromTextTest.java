package io.hami.demo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromTextTest {

    @Test
    void readsSamplesWithLabelsAndSkipsComments() {
        var samples = PromText.parse("""
                # HELP hami_vgpu_memory_used_bytes used
                # TYPE hami_vgpu_memory_used_bytes gauge
                hami_vgpu_memory_used_bytes{container="a",device_uuid="GPU-1",pod="p\\"q"} 1.048576E6
                hami_build_info 1
                up{} 0 1700000000
                """);
        assertThat(samples).hasSize(3);
        assertThat(samples.getFirst().labels()).isEqualTo(Map.of("container", "a", "device_uuid", "GPU-1",
                "pod", "p\"q"));
        assertThat(samples.getFirst().value()).isEqualTo(1048576.0);
        assertThat(samples.get(1).labels()).isEmpty();
        assertThat(samples.get(2).value()).isZero();
    }

    @Test
    void namesTheLineThatIsNotASample() {
        assertThatThrownBy(() -> PromText.parse("ok 1\nbroken{a=\"x\" 2\n"))
                .hasMessageStartingWith("line 2: ");
        assertThatThrownBy(() -> PromText.parse("x{a=\"1\"} nope")).hasMessageContaining("value is not a number");
    }
}
