package io.hami.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.scheduler.Kube;
import io.hami.scheduler.inventory.InventoryReader;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * HAMi's CheckHealth scenarios (devices_test, device_test; docs/protocol.md, {@code hami.io/node-handshake}) as
 * NodeHealth judges them.
 */
class NodeHealthTest {

    static final DeviceTypes TYPES = DeviceTypes.defaults();
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    static Node node(String handshake, String allocatable) {
        var b = new NodeBuilder(Kube.nvidiaNode("n1", Kube.gpu("GPU-a", 0, 10, 8000, 100, 0)));
        if (handshake != null) {
            b.editMetadata().addToAnnotations("hami.io/node-handshake", handshake).endMetadata();
        }
        if (allocatable != null) {
            b.withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity(allocatable)).endStatus();
        }
        return b.build();
    }

    static NodeHealth.Verdict judge(NodeHealth health, Node node, Instant now) {
        return health.judge(node, InventoryReader.read(node, TYPES), now, ZONE);
    }

    /** Local time in Asia/Shanghai: NOW is 18:00:00 there. */
    @ParameterizedTest(name = "{0} with allocatable {1}: dead {2}, stamp {3}")
    @CsvSource(value = {
        "Requesting_2128-12-02 00:00:00,,false,false",
        "Requesting,,false,false",
        "Requesting_not-a-timestamp,,false,false",
        "Unknown,,false,true",
        ",,false,true",
        "Reported_2026.11.28 17:00:00,,false,true",
        "Deleted_2026-11-28 17:00:00,,false,true",
        "Requesting_2024-01-02 00:00:00,,true,false",
        "Requesting_2024-01-02 00:00:00,8,false,false",
        "Requesting_2026-11-28 17:59:30,,false,false",
        "Requesting_2026-11-28 17:58:59,,true,false",
        "Requesting_2026-11-28 17:58:59,0,true,false"}, nullValues = "")
    void handshakeAndAllocatable(String handshake, String allocatable, boolean dead, boolean stamp) {
        var v = judge(new NodeHealth(TYPES), node(handshake, allocatable), NOW);
        assertThat(v.dead()).isEqualTo(dead ? Set.of("nvidia") : Set.of());
        assertThat(v.stamp()).isEqualTo(stamp ? List.of("hami.io/node-handshake") : List.of());
    }

    @Test
    void allocatableDroppingToZeroKillsTheTypeAtOnceEvenWithAFreshStamp() {
        var health = new NodeHealth(TYPES);
        String fresh = "Requesting_2026-11-28 17:59:50";
        assertThat(judge(health, node(fresh, "4"), NOW).dead()).isEmpty();
        assertThat(judge(health, node(fresh, "0"), NOW).dead()).containsExactly("nvidia");
        assertThat(judge(health, node(fresh, "4"), NOW).dead()).isEmpty();
    }

    @Test
    void forgettingANodeStartsItClean() {
        var health = new NodeHealth(TYPES);
        String fresh = "Requesting_2026-11-28 17:59:50";
        judge(health, node(fresh, "4"), NOW);
        health.forget("n1");
        assertThat(judge(health, node(fresh, "0"), NOW).dead()).isEmpty();
    }

    @Test
    void nodesWithoutTheTypeAreNotJudgedForIt() {
        var v = new NodeHealth(TYPES).judge(Kube.node("bare", Kube.map()),
                InventoryReader.read(Kube.node("bare", Kube.map()), TYPES), NOW, ZONE);
        assertThat(v.dead()).isEmpty();
        assertThat(v.stamp()).isEmpty();
    }
}
