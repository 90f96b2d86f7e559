package io.hami.demo.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.demo.cluster.NodeSpec;
import io.hami.model.input.UntrustedFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VirtualClusterTest {

    @Test
    void eachSimulatedMachineIsTheDemosNvmlProfile() throws IOException {
        for (VirtualCluster.Machine machine : VirtualCluster.Machine.DEMO) {
            Path file = Path.of("../test-fixtures/src/main/resources/nvml-profiles/" + machine.profile() + ".json");
            JsonNode devices = JsonMapper.builder().build().readTree(UntrustedFiles.readText(file, 1 << 20))
                    .path("devices");
            assertThat(devices.size()).as(machine.profile()).isEqualTo(machine.gpus());
            for (JsonNode d : devices.values()) {
                assertThat(d.path("name").asString()).as(machine.profile()).isEqualTo(machine.nvmlName());
                assertThat(d.path("memoryTotalMiB").asInt()).as(machine.profile()).isEqualTo(machine.memoryMiB());
            }
        }
    }

    @Test
    void nodesAreTheDemosNodesInTurn() {
        var cluster = VirtualCluster.demo(4);
        assertThat(cluster.names()).isEqualTo(NodeSpec.defaults(4).stream().map(NodeSpec::name).toList());
        assertThat(cluster.capacity().memoryMiB()).isEqualTo(2L * 8 * 40960 + 2 * 32768 + 4 * 24576);
    }
}
