package io.hami.scheduler.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.GpuSchedulerPolicyCodec;
import io.hami.scheduler.Devices;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gpu_policy_test.go: the device comparator's truth table, Less(i, j) as compare(i, j) &lt; 0. */
class DeviceOrderTest {

    @ParameterizedTest(name = "{0}: {1} numaBind={2} i(score {3}, numa {4}, index {5}, used {6}) j({7}, {8}, {9}, {10}) -> {11}")
    @CsvSource(delimiter = '|', value = {
        "binpack same NUMA lower first          | binpack             | false | 10 | 0 | 0 | 0 | 20 | 0 | 1 | 0 | true",
        "binpack lower first across NUMA (1,0)  | binpack             | false | 10 | 1 | 0 | 0 | 20 | 0 | 1 | 0 | true",
        "binpack lower first across NUMA (0,1)  | binpack             | false | 10 | 0 | 0 | 0 | 20 | 1 | 1 | 0 | true",
        "binpack tie, lower NUMA first          | binpack             | false | 15 | 0 | 0 | 0 | 15 | 1 | 1 | 0 | true",
        "binpack higher is not less             | binpack             | false | 20 | 1 | 0 | 0 | 10 | 0 | 1 | 0 | false",
        "spread lower is not less               | spread              | false | 10 | 0 | 0 | 0 | 20 | 0 | 1 | 0 | false",
        "spread lower is not less across NUMA   | spread              | false | 10 | 1 | 0 | 0 | 20 | 0 | 1 | 0 | false",
        "spread higher first                    | spread              | false | 20 | 1 | 0 | 0 | 10 | 0 | 1 | 0 | true",
        "spread tie, lower NUMA first           | spread              | false | 15 | 0 | 0 | 0 | 15 | 1 | 1 | 0 | true",
        "numa-bind binpack higher NUMA first    | binpack             | true  |  5 | 1 | 0 | 0 | 99 | 0 | 1 | 0 | true",
        "numa-bind binpack same NUMA lower      | binpack             | true  | 10 | 0 | 0 | 0 | 20 | 0 | 1 | 0 | true",
        "numa-bind spread lower NUMA first      | spread              | true  |  5 | 0 | 0 | 0 | 99 | 1 | 1 | 0 | true",
        "numa-bind spread same NUMA higher      | spread              | true  | 20 | 0 | 0 | 0 | 10 | 0 | 1 | 0 | true",
        "mutex busier first                     | mutex               | false | 10 | 0 | 0 | 2 | 10 | 0 | 1 | 0 | true",
        "mutex idle is not less                 | mutex               | false | 10 | 0 | 0 | 0 | 10 | 0 | 1 | 1 | false",
        "mutex both idle, lower NUMA first      | mutex               | false | 10 | 0 | 0 | 0 | 10 | 1 | 1 | 0 | true",
        "bare numa lower NUMA first             | numa                | false | 99 | 0 | 0 | 0 |  5 | 1 | 1 | 0 | true",
        "bare numa same NUMA by index           | numa                | false | 10 | 0 | 3 | 0 | 10 | 0 | 1 | 0 | false",
        "binpack,numa tie by NUMA               | binpack,numa        | false | 10 | 0 | 0 | 0 | 10 | 1 | 1 | 0 | true",
        "spread,numa tie by NUMA                | spread,numa         | false | 10 | 0 | 0 | 0 | 10 | 1 | 1 | 0 | true",
        "numa,spread NUMA first                 | numa,spread         | false |  5 | 1 | 0 | 0 | 99 | 0 | 1 | 0 | false",
        "numa,spread same NUMA higher           | numa,spread         | false | 20 | 0 | 0 | 0 | 10 | 0 | 1 | 0 | true",
        "mutex,spread orders as spread          | mutex,spread        | false | 10 | 0 | 0 | 0 | 20 | 0 | 1 | 0 | false",
        "mutex,topology-aware orders as spread  | mutex,topology-aware | false | 10 | 0 | 0 | 0 | 20 | 0 | 1 | 0 | false",
        "binpack,numa full tie by index         | binpack,numa        | false | 10 | 0 | 5 | 0 | 10 | 0 | 2 | 0 | false",
        "binpack,spread numa-bind puts NUMA 1st | binpack,spread      | true  | 99 | 0 | 0 | 0 |  5 | 1 | 1 | 0 | true",
        "spread,numa numa-bind same NUMA higher | spread,numa         | true  | 20 | 0 | 0 | 0 | 10 | 0 | 1 | 0 | true",
    })
    void less(String name, String policy, boolean numaBind, float scoreI, int numaI, int indexI, int usedI,
              float scoreJ, int numaJ, int indexJ, int usedJ, boolean expected) throws Exception {
        var node = Devices.node(List.of(Devices.spec("i", indexI, 10, 100, 100, numaI),
                Devices.spec("j", indexJ, 10, 100, 100, numaJ)));
        var order = DeviceOrder.of(GpuSchedulerPolicyCodec.INSTANCE.decode(policy), numaBind);
        float[] scores = {scoreI, scoreJ};
        int[] used = {usedI, usedJ};
        assertThat(order.compare(0, 1, scores, node, used) < 0).isEqualTo(expected);
    }

    @ParameterizedTest(name = "stable sort keeps registration order of equal devices ({0})")
    @CsvSource({"binpack", "spread", "mutex", "numa"})
    void sortIsStable(String policy) throws Exception {
        var specs = new java.util.ArrayList<io.hami.scheduler.inventory.DeviceSpec>();
        for (int i = 0; i < 40; i++) {
            specs.add(Devices.spec("d" + i, 0, 10, 100, 100, 0));
        }
        var node = Devices.node(specs);
        for (int n : new int[] {8, 40}) {
            int[] positions = new int[n];
            for (int i = 0; i < n; i++) {
                positions[i] = i;
            }
            DeviceOrder.of(GpuSchedulerPolicyCodec.INSTANCE.decode(policy), false).sort(positions, n, new float[40],
                    node, new int[40]);
            for (int i = 0; i < n; i++) {
                assertThat(positions[i]).isEqualTo(i);
            }
        }
    }
}
