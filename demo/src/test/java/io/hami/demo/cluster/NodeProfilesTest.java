package io.hami.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeProfilesTest {

    @TempDir
    Path dir;

    @Test
    void eachNodeGetsUuidsOfItsOwnAndNoForeignProcesses() throws IOException {
        Path template = Path.of("../test-fixtures/src/main/resources/nvml-profiles/a100x8.json");
        Path copy = NodeProfiles.write(template, 3, dir.resolve("n3.json"));
        String text = Files.readString(copy);
        assertThat(text).contains("\"GPU-a1000005-0003-4c2b-9f3a-7d6e5c4b3a25\"").doesNotContain("5e1d")
                .doesNotContain("\"pid\"");
        assertThat(text).contains("\"memoryUsedMiB\" : 0");
    }

    @Test
    void refusesUuidsOfAnotherForm() {
        assertThatThrownBy(() -> NodeProfiles.uuidFor("GPU-12345", 1)).hasMessageContaining("GPU-12345");
    }

    @Test
    void defaultNodesCycleThroughTheThreeMachines() {
        assertThat(NodeSpec.defaults(4)).extracting(NodeSpec::name)
                .containsExactly("gpu-a100-1", "gpu-v100-1", "gpu-a10-1", "gpu-a100-2");
        assertThatThrownBy(() -> NodeSpec.of("Bad_Name", "a100x8")).hasMessageContaining("DNS label");
    }
}
