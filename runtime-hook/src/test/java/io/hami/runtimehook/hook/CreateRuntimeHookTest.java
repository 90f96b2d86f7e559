package io.hami.runtimehook.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hami.runtimehook.TestNode;
import io.hami.runtimehook.bundle.Bundle;
import io.hami.runtimehook.oci.LinuxDevice;
import io.hami.runtimehook.shim.RuntimeArgs;
import io.hami.runtimehook.shim.RuntimeShim;
import io.hami.testfixtures.oci.OciBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateRuntimeHookTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;
    TestNode node;
    Path bundle;
    CreateRuntimeHook hook;

    @BeforeEach
    void shimmedBundle() throws Exception {
        node = TestNode.create(dir.resolve("node"));
        bundle = dir.resolve("bundle");
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh"), TestNode.allocation(TestNode.GPUS.get(3), 1000, 0), TestNode.CONTAINERD));
        new RuntimeShim(node.withStartHook(), node.nodes(), TestNode::resolver).prepare(RuntimeArgs.parse(List.of("create", "-b", bundle.toString(), "c1")));
        hook = new CreateRuntimeHook(node.config(), node.nodes(), CLOCK);
    }

    private byte[] runcState(String id) {
        return ("{\"ociVersion\":\"1.0.2-dev\",\"id\":\"" + id + "\",\"status\":\"creating\",\"pid\":4242,\"bundle\":\"" + bundle
                + "\",\"annotations\":{\"io.kubernetes.cri.container-name\":\"cuda\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void verifiesAShimmedContainerAndRecordsIt() throws Exception {
        var record = hook.run(runcState("c1")).orElseThrow();
        assertThat(record.devices()).containsExactly("/dev/nvidia3", "/dev/nvidiactl", "/dev/nvidia-uvm");
        assertThat(record.createdDir()).isFalse();
        var written = new JsonMapper().readTree(Files.readString(dir.resolve("node/state/c1.json")));
        assertThat(written.get("pod").asText()).isEqualTo("default/trainer-0/cuda");
        assertThat(written.get("gpus").get(0).asText()).isEqualTo(TestNode.GPUS.get(3));
        assertThat(written.get("time").asText()).isEqualTo("2026-11-28T12:00:00Z");
    }

    @Test
    void toleratesCrunsStateAndRemakesAMissingDirectory() throws Exception {
        Files.delete(node.containerDir());
        var crun = ("{\"ociVersion\":\"1.0.0\",\"id\":\"c1\",\"pid\":0,\"root\":\"rootfs\",\"bundle\":\"" + bundle + "\",\"status\":\"created\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(hook.run(crun).orElseThrow().createdDir()).isTrue();
        assertThat(Files.isDirectory(node.containerDir())).isTrue();
    }

    @Test
    void aContainerWithoutAllocationNeedsNothing() throws Exception {
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh"), List.of(), TestNode.CONTAINERD));
        assertThat(hook.run(runcState("c1"))).isEmpty();
        assertThat(Files.exists(dir.resolve("node/state"))).isFalse();
    }

    @Test
    void aDeviceThatIsGoneOrDifferentOnTheHostFailsTheContainer() throws Exception {
        node.nodes().remove(dir.resolve("node/dev/nvidia3"));
        assertThatThrownBy(() -> hook.run(runcState("c1")))
                .hasMessage("linux.devices: device node " + dir.resolve("node/dev/nvidia3") + " does not exist");
        node.nodes().add(dir.resolve("node/dev/nvidia3"), 195, 9);
        assertThatThrownBy(() -> hook.run(runcState("c1"))).hasMessage("linux.devices: device node "
                + dir.resolve("node/dev/nvidia3") + " is c 195:9 on the host, but the driver reports 195:3");
    }

    @Test
    void aGpuNodeWhoseNumbersAreNotItsNameFailsEvenWhenConfigAndHostAgree() throws Exception {
        node.nodes().add(dir.resolve("node/dev/nvidia3"), 195, 9);
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh"), TestNode.allocation(TestNode.GPUS.get(3), 1000, 0), TestNode.CONTAINERD));
        var b = Bundle.open(bundle.toString());
        var spec = b.readConfig();
        var linux = spec.linuxOrCreate();
        linux.addDevice(new LinuxDevice("/dev/nvidia3", "c", 195, 9, 0666, 0, 0));
        linux.resourcesOrCreate().addDevice(new io.hami.runtimehook.oci.DeviceCgroupRule(true, "c", 195, 9, "rw"));
        b.writeConfig(spec);
        assertThatThrownBy(() -> hook.run(runcState("c1"))).hasMessage("linux.devices: device node "
                + dir.resolve("node/dev/nvidia3") + " is c 195:9 on the host, but the driver reports 195:3");
    }

    @Test
    void aDeviceTheCgroupDoesNotAllowFailsTheContainer() throws Exception {
        var b = Bundle.open(bundle.toString());
        var spec = b.readConfig();
        spec.linux().orElseThrow().resources().orElseThrow().addDevice(new io.hami.runtimehook.oci.DeviceCgroupRule(false, "c", 195, 255, "rw"));
        b.writeConfig(spec);
        assertThatThrownBy(() -> hook.run(runcState("c1")))
                .hasMessage("linux.resources.devices: /dev/nvidiactl (c 195:255) is not allowed read-write");
    }

    @Test
    void anAllocatedGpuWithoutANodeFailsTheContainer() throws Exception {
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh"), TestNode.allocation(TestNode.GPUS.get(3), 1000, 0), TestNode.CONTAINERD));
        assertThatThrownBy(() -> hook.run(runcState("c1")))
                .hasMessage("linux.devices: 1 GPUs are allocated but only 0 GPU device nodes are configured");
        var b = Bundle.open(bundle.toString());
        var spec = b.readConfig();
        spec.linuxOrCreate().addDevice(new LinuxDevice("/dev/nvidia3", "c", 195, 3, 0666, 0, 0));
        b.writeConfig(spec);
        assertThatThrownBy(() -> hook.run(runcState("c1"))).hasMessageContaining("/dev/nvidia3 (c 195:3) is not allowed read-write");
    }

    @Test
    void hostileStatesAreRefused() {
        assertThatThrownBy(() -> hook.run(runcState("../../etc/passwd"))).hasMessage("container state: id: not a container id: \"../../etc/passwd\"");
        assertThatThrownBy(() -> hook.run("{\"id\":\"c1\",\"bundle\":\"relative\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("container state: bundle: expected an absolute path: \"relative\"");
        assertThatThrownBy(() -> hook.run("not json".getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("container state: not valid JSON");
        assertThatThrownBy(() -> hook.run("{\"id\":\"c1\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("container state: bundle: expected an absolute path: missing");
    }
}
