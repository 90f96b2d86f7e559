package io.hami.runtimehook.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hami.runtimehook.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiGeneratorTest {
    @TempDir
    Path dir;

    private static List<CdiGenerator.Gpu> gpus() {
        return List.of(new CdiGenerator.Gpu(TestNode.GPUS.get(0), 0), new CdiGenerator.Gpu(TestNode.GPUS.get(1), 1));
    }

    @Test
    void describesEachGpuAllOfThemAndTheHamiCoreEdits() throws Exception {
        var node = TestNode.create(dir);
        var spec = new CdiGenerator(node.config(), node.nodes()).generate(gpus());
        var json = new JsonMapper().readTree(CdiWriter.json(spec));
        assertThat(json.get("cdiVersion").asText()).isEqualTo("0.5.0");
        assertThat(json.get("kind").asText()).isEqualTo("hami.io/gpu");
        assertThat(json.at("/devices/0/name").asText()).isEqualTo(TestNode.GPUS.get(0));
        assertThat(json.at("/devices/0/containerEdits/deviceNodes/0").toString()).isEqualTo("{\"path\":\"/dev/nvidia0\",\"hostPath\":\""
                + dir.resolve("dev/nvidia0") + "\",\"type\":\"c\",\"major\":195,\"minor\":0,\"permissions\":\"rwm\"}");
        assertThat(json.at("/devices/2/name").asText()).isEqualTo("all");
        assertThat(json.at("/devices/2/containerEdits/deviceNodes")).hasSize(2);
        assertThat(json.at("/containerEdits/deviceNodes")).hasSize(2);
        assertThat(json.at("/containerEdits/mounts").findValues("containerPath")).extracting(JsonNode::asText)
                .containsExactly(node.vgpu() + "/libvgpu.so", "/tmp/vgpulock", "/etc/ld.so.preload");
        assertThat(json.at("/containerEdits/hooks/0/hookName").asText()).isEqualTo("createRuntime");
        assertThat(json.at("/containerEdits/hooks/0/args").toString()).isEqualTo("[\"hami\",\"hook\",\"createRuntime\"]");
        assertThat(json.at("/containerEdits/env").isMissingNode()).isTrue();
        assertThat(json.findValues("annotations")).isEmpty();
    }

    @Test
    void theLowestVersionCoversTheMembersUsed() {
        var plain = new CdiSpec.DeviceNode("/dev/nvidia0", null, "c", 195L, 0L, null, "rwm");
        var hosted = new CdiSpec.DeviceNode("/dev/nvidia0", "/run/dev/nvidia0", "c", 195L, 0L, null, "rwm");
        var none = new CdiSpec.ContainerEdits(null, null, null, null);
        assertThat(CdiVersions.required(List.of(new CdiSpec.Device("a", new CdiSpec.ContainerEdits(null, List.of(plain), null, null))), none))
                .isEqualTo("0.3.0");
        assertThat(CdiVersions.required(List.of(), new CdiSpec.ContainerEdits(null, List.of(hosted), null, null))).isEqualTo("0.5.0");
    }

    @Test
    void writesTheSpecAtomicallyIntoTheSpecDirectory() throws Exception {
        var node = TestNode.create(dir.resolve("node"));
        var file = CdiWriter.write(dir.resolve("cdi"), new CdiGenerator(node.config(), node.nodes()).generate(gpus()));
        assertThat(file).isEqualTo(dir.resolve("cdi/hami.io-gpu.json"));
        try (var files = Files.list(dir.resolve("cdi"))) {
            assertThat(files).containsExactly(file);
        }
        assertThat(Files.readString(file)).startsWith("{\n  \"cdiVersion\" : \"0.5.0\"");
    }

    @Test
    void aGpuWithoutANodeIsAnError() throws Exception {
        var node = TestNode.withoutDevices(dir);
        assertThatThrownBy(() -> new CdiGenerator(node.config(), node.nodes()).generate(gpus()))
                .hasMessageContaining("device node " + dir.resolve("dev/nvidia0") + " does not exist");
    }

    @Test
    void aGpuNodeWithOtherNumbersThanTheDriverReportsIsAnError() throws Exception {
        var node = TestNode.create(dir);
        node.nodes().add(dir.resolve("dev/nvidia1"), 195, 3);
        assertThatThrownBy(() -> new CdiGenerator(node.config(), node.nodes()).generate(gpus()))
                .hasMessage("GPU " + TestNode.GPUS.get(1) + ": device node " + dir.resolve("dev/nvidia1")
                        + " is c 195:3 on the host, but the driver reports 195:1");
    }
}
