package io.hami.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.wire.WireFormatException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** HAMi's per-node {@code config.json}: its chart's example, Go's case-blind keys, mergo's merge, errors. */
class NodeConfigCodecTest {

    /** HAMi v2.10's chart default ({@code devicePlugin.nodeConfiguration.config}), with the node named. */
    private static final String HAMI_EXAMPLE = """
            {
              "nodeconfig": [
                {
                  "name": "gpu-7",
                  "operatingmode": "hami-core",
                  "devicememoryscaling": 1,
                  "devicesplitcount": 10,
                  "preconfigureddevicememory": 0,
                  "enablenumatopology": false,
                  "migstrategy": "none",
                  "filterdevices": {
                    "uuid": [],
                    "index": []
                  },
                  "enablegetpreferredallocation": false
                }
              ]
            }
            """;

    @Test
    void hamisChartExampleSetsTheModeSplitCountAndScalingOfItsNodeOnly() throws Exception {
        var file = NodeConfigCodec.decode(HAMI_EXAMPLE);
        var node = file.forNode("gpu-7");
        assertThat(node.matched()).isTrue();
        assertThat(node.mode()).contains("hami-core");
        assertThat(node.splitCount()).hasValue(10);
        assertThat(node.memoryScaling()).contains(1.0);
        assertThat(node.preconfiguredMiB()).as("0 sets nothing, as mergo skips zero values").isEmpty();
        assertThat(node.numaTopology()).isEmpty();
        assertThat(node.excludedUuids()).isEmpty();
        assertThat(node.preferredAllocation()).contains(false);
        assertThat(file.forNode("gpu-8")).isEqualTo(NodeConfigFile.NodeOverrides.NONE);
        assertThat(file.ignoredKeys()).isEmpty();
    }

    @Test
    void laterEntriesForTheNodeOverrideEarlierOnesKeyByKey() throws Exception {
        var file = NodeConfigCodec.decode("""
                {"NodeConfig": [
                  {"name": "a", "DeviceSplitCount": 4, "deviceMemoryScaling": 2,
                   "filterdevices": {"uuid": ["GPU-1"], "index": [3]}, "enablegetpreferredallocation": true},
                  {"name": "b", "devicesplitcount": 9},
                  {"name": "a", "devicecorescaling": 1.5, "operatingmode": "mps", "libcudaloglevel": "4"}
                ]}""");
        var a = file.forNode("a");
        assertThat(a.splitCount()).isEqualTo(OptionalInt.of(4));
        assertThat(a.memoryScaling()).contains(2.0);
        assertThat(a.coreScaling()).contains(1.5);
        assertThat(a.mode()).contains("mps");
        assertThat(a.libCudaLogLevelNumber()).hasValue(4);
        assertThat(a.excludedUuids()).containsExactly("GPU-1");
        assertThat(a.excludedIndexes()).containsExactly(3);
        assertThat(a.preferredAllocation()).as("the last entry has none: false, as in HAMi").contains(false);
        assertThat(file.forNode("b").splitCount()).hasValue(9);
    }

    @Test
    void keysHamiJavaDoesNotReadAreReportedNotRefused() throws Exception {
        var file = NodeConfigCodec.decode("""
                {"nodeconfig": [{"name": "a", "gdsenabled": true}], "version": 1}""");
        assertThat(file.ignoredKeys()).containsExactly("version", "nodeconfig[0].gdsenabled");
        assertThat(file.forNode("a").matched()).isTrue();
    }

    @Test
    void aValueOfTheWrongTypeNamesTheEntryAndTheKey() {
        assertThatThrownBy(() -> NodeConfigCodec.decode("""
                {"nodeconfig": [{"name": "a"}, {"name": "b", "devicesplitcount": "4"}]}"""))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("node-config: nodeconfig[1].devicesplitcount: not a whole number from 0 to 2147483647: "
                        + "\"\\\"4\\\"\"");
        assertThatThrownBy(() -> NodeConfigCodec.decode("{\"nodeconfig\": [{\"filterdevices\": {\"index\": [-1]}}]}"))
                .hasMessageContaining("nodeconfig[0].filterdevices.index[0]: not a whole number");
        assertThatThrownBy(() -> NodeConfigCodec.decode("{\"nodeconfig\": {}}"))
                .hasMessage("node-config: nodeconfig: not a list: \"{}\"");
        assertThatThrownBy(() -> NodeConfigCodec.decode("{\"nodeconfig\": [")).hasMessageStartingWith(
                "node-config: $: not valid JSON");
    }

    @Test
    void anEmptyFileConfiguresNothing() throws Exception {
        assertThat(NodeConfigCodec.decode("").entries()).isEmpty();
        assertThat(NodeConfigCodec.decode("{}").forNode("a")).isEqualTo(NodeConfigFile.NodeOverrides.NONE);
        assertThat(NodeConfigCodec.decode("{\"nodeconfig\": [{\"devicesplitcount\": 3}]}").unnamedEntries())
                .isEqualTo(List.of(0));
    }
}
