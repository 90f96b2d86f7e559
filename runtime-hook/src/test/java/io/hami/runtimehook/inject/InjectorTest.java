package io.hami.runtimehook.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.TestNode;
import io.hami.runtimehook.oci.OciMount;
import io.hami.runtimehook.oci.RuntimeSpec;
import io.hami.testfixtures.oci.OciBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectorTest {
    private static final String CACHE_ID = "9b1c0000-0000-4000-8000-000000000001";
    @TempDir
    Path dir;
    TestNode node;
    Injector injector;

    @BeforeEach
    void node() throws Exception {
        node = TestNode.create(dir);
        injector = new Injector(node.config(), TestNode.resolver(), node.nodes(), () -> CACHE_ID);
    }

    private static RuntimeSpec spec(List<String> env, Map<String, String> annotations) throws HookException {
        var config = OciBundles.config(List.of("sh"), env, annotations);
        return RuntimeSpec.read(config.toString().getBytes(StandardCharsets.UTF_8), "config.json");
    }

    private RuntimeSpec allocated(String... extraEnv) throws HookException {
        var env = new ArrayList<>(TestNode.allocation(TestNode.GPUS.get(2), 3000, 30));
        env.addAll(List.of(extraEnv));
        return spec(env, TestNode.CONTAINERD);
    }

    @Test
    void aContainerWithoutAllocationGetsNothing() throws Exception {
        assertThat(injector.plan(spec(List.of("NVIDIA_VISIBLE_DEVICES=all"), TestNode.CONTAINERD))).isEmpty();
        assertThat(injector.plan(spec(List.of(), Map.of()))).isEmpty();
    }

    @Test
    void anAllocationGetsItsGpuTheControlNodesMountsCacheAndHook() throws Exception {
        var spec = allocated();
        var plan = injector.plan(spec).orElseThrow();
        assertThat(plan.pod().toString()).isEqualTo("default/trainer-0/cuda");
        assertThat(plan.devices()).extracting(Object::toString)
                .containsExactly("/dev/nvidia2 (c 195:2)", "/dev/nvidiactl (c 195:255)", "/dev/nvidia-uvm (c 237:0)");
        assertThat(plan.env()).containsExactly(Map.entry("CUDA_DEVICE_MEMORY_SHARED_CACHE", node.vgpu() + "/" + CACHE_ID + ".cache"));
        assertThat(plan.mounts()).extracting(OciMount::destination, OciMount::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple(node.vgpu(), node.containerDir().toString()),
                org.assertj.core.groups.Tuple.tuple(node.vgpu() + "/libvgpu.so", node.vgpu() + "/libvgpu.so"),
                org.assertj.core.groups.Tuple.tuple("/tmp/vgpulock", dir.resolve("lock").toString()),
                org.assertj.core.groups.Tuple.tuple("/etc/ld.so.preload", node.vgpu() + "/ld.so.preload"));
        assertThat(plan.mounts().get(1).options()).containsExactly("bind", "nosuid", "nodev", "ro");
        assertThat(plan.mounts().get(0).options()).containsExactly("rbind", "nosuid", "nodev", "rw");
        assertThat(plan.hook().orElseThrow().args()).containsExactly("hami", "hook", "createRuntime");

        Injector.apply(spec, plan);
        var linux = spec.linux().orElseThrow();
        assertThat(linux.devices()).extracting(d -> d.path()).containsExactly("/dev/nvidia2", "/dev/nvidiactl", "/dev/nvidia-uvm");
        var resources = linux.resources().orElseThrow();
        assertThat(resources.allowsCharDevice(195, 2)).isTrue();
        assertThat(resources.allowsCharDevice(195, 1)).isFalse();
        assertThat(resources.allowsCharDevice(237, 0)).isTrue();
        assertThat(spec.env()).containsEntry("CUDA_DEVICE_MEMORY_SHARED_CACHE", node.vgpu() + "/" + CACHE_ID + ".cache");
    }

    @Test
    void aSecondPassAddsNothingMore() throws Exception {
        var spec = allocated();
        Injector.apply(spec, injector.plan(spec).orElseThrow());
        var once = new String(spec.toJson(), StandardCharsets.UTF_8);
        var again = injector.plan(spec).orElseThrow();
        assertThat(again.env()).isEmpty();
        assertThat(again.mounts()).isEmpty();
        assertThat(again.hook()).isEmpty();
        Injector.apply(spec, again);
        assertThat(new String(spec.toJson(), StandardCharsets.UTF_8)).isEqualTo(once);
    }

    @Test
    void mountsTheContainerAlreadyHasAreKeptAndControlCanBeDisabled() throws Exception {
        var spec = allocated("CUDA_DISABLE_CONTROL=true", "CUDA_DEVICE_MEMORY_SHARED_CACHE=" + node.vgpu() + "/abc.cache");
        spec.addMount(new OciMount("/tmp/vgpulock/", "bind", "/tmp/vgpulock", List.of("rbind")));
        var plan = injector.plan(spec).orElseThrow();
        assertThat(plan.mounts()).extracting(OciMount::destination).containsExactly(node.vgpu(), node.vgpu() + "/libvgpu.so");
        assertThat(plan.env()).isEmpty();
    }

    @Test
    void hostileAllocationsAreRefused() throws Exception {
        var outside = allocated("CUDA_DEVICE_MEMORY_SHARED_CACHE=/etc/shadow.cache");
        assertThatThrownBy(() -> injector.plan(outside)).hasMessage("process.env: CUDA_DEVICE_MEMORY_SHARED_CACHE: expected "
                + node.vgpu() + "/<name>.cache: \"/etc/shadow.cache\"");
        var traversal = allocated("CUDA_DEVICE_MEMORY_SHARED_CACHE=" + node.vgpu() + "/../../../etc/x.cache");
        assertThatThrownBy(() -> injector.plan(traversal)).hasMessageContaining("expected an absolute path without '..'");
        var unknown = spec(TestNode.allocation("GPU-ffffffff-5e1d-4c2b-9f3a-7d6e5c4b3a20", 1000, 0), TestNode.CONTAINERD);
        assertThatThrownBy(() -> injector.plan(unknown)).hasMessageContaining("is not on this node");
        var malformed = spec(List.of("NVIDIA_VISIBLE_DEVICES=/dev/nvidia0", "CUDA_DEVICE_MEMORY_LIMIT_0=1000m"), TestNode.CONTAINERD);
        assertThatThrownBy(() -> injector.plan(malformed)).hasMessageContaining("NVIDIA_VISIBLE_DEVICES: expected a comma list of GPU UUIDs");
        var anonymous = spec(TestNode.allocation(TestNode.GPUS.get(0), 1000, 0), Map.of());
        assertThatThrownBy(() -> injector.plan(anonymous)).hasMessageContaining("no pod identity");
        var traversalName = new HashMap<>(TestNode.CONTAINERD);
        traversalName.put("io.kubernetes.cri.container-name", "..");
        var named = spec(TestNode.allocation(TestNode.GPUS.get(0), 1000, 0), traversalName);
        assertThatThrownBy(() -> injector.plan(named)).hasMessageContaining("not a DNS-1123 label");
    }

    @Test
    void aGpuWithoutAHostNodeOrAMissingInstallIsAnError() throws Exception {
        node.nodes().remove(dir.resolve("dev/nvidia2"));
        assertThatThrownBy(() -> injector.plan(allocated()))
                .hasMessage("GPU " + TestNode.GPUS.get(2) + ": device node " + dir.resolve("dev/nvidia2") + " does not exist");
        node.nodes().add(dir.resolve("dev/nvidia2"), 195, 2);
        Files.delete(dir.resolve("hook/vgpu/ld.so.preload"));
        assertThatThrownBy(() -> injector.plan(allocated()))
                .hasMessage("HAMi-core is not installed: " + node.vgpu() + "/ld.so.preload is not a file");
    }

    @Test
    void aGpuNodeWithOtherNumbersThanTheDriverReportsIsRefused() throws Exception {
        var host = dir.resolve("dev/nvidia2");
        node.nodes().add(host, 195, 5);
        assertThatThrownBy(() -> injector.plan(allocated())).hasMessage("GPU " + TestNode.GPUS.get(2) + ": device node " + host
                + " is c 195:5 on the host, but the driver reports 195:2");
        node.nodes().add(host, 10, 2);
        assertThatThrownBy(() -> injector.plan(allocated())).hasMessage("GPU " + TestNode.GPUS.get(2) + ": device node " + host
                + " is c 10:2 on the host, but the driver reports 195:2");
    }

    @Test
    void aDeviceAlreadyConfiguredWithOtherNumbersIsAConflict() throws Exception {
        var spec = allocated();
        spec.linuxOrCreate().addDevice(new io.hami.runtimehook.oci.LinuxDevice("/dev/nvidia2", "c", 195, 7, 0666, 0, 0));
        var plan = injector.plan(spec).orElseThrow();
        assertThatThrownBy(() -> Injector.apply(spec, plan))
                .hasMessage("linux.devices: /dev/nvidia2 is already there with other numbers than the host's 195:2");
    }

    @Test
    void onlyTheConfiguredDirectoriesMayBeMounted() {
        assertThatThrownBy(() -> MountPlan.checkAllowed(node.config(), "/etc"))
                .hasMessageStartingWith("mount source /etc is outside the allowed host paths");
        assertThatThrownBy(() -> MountPlan.checkAllowed(node.config(), node.vgpu() + "/../../etc"))
                .hasMessageStartingWith("mount source");
    }
}
