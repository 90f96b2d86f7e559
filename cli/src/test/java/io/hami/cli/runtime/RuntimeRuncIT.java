package io.hami.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.testfixtures.oci.OciBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hami runtime run} under real runc with the mock NVML: what the container sees, and what is refused. */
class RuntimeRuncIT {
    @TempDir
    Path dir;
    RuncNode node;

    @BeforeAll
    static void runc() {
        assumeTrue(OciBundles.runcUsable(), "runc, busybox and root are needed (CI installs runc and busybox-static)");
    }

    @BeforeEach
    void node() throws Exception {
        node = RuncNode.create(dir);
    }

    @Test
    void anAllocatedContainerSeesItsLimitsItsGpuAndHamiCore() throws Exception {
        var script = String.join("; ",
                "env | grep -E '^(CUDA|NVIDIA)_' | sort",
                "ls -l /dev | grep nvidia",
                "echo preload=$(cat /etc/ld.so.preload)",
                "echo written > " + node.vgpu() + "/from-container && echo cache-dir-writable",
                "test -s " + node.vgpu() + "/libvgpu.so && echo libvgpu-mounted",
                "test -d /tmp/vgpulock && echo lock-dir");
        var bundle = node.bundle("gpu", script, TestEnv.allocation(node.uuid(2), 3000, 30), RuncNode.CONTAINERD);
        var run = node.run(bundle, "gpu-1");
        assertThat(run.exitCode()).as(run.output()).isZero();
        var out = run.output();
        assertThat(out).contains("CUDA_DEVICE_MEMORY_LIMIT_0=3000m", "CUDA_DEVICE_SM_LIMIT=30", "NVIDIA_VISIBLE_DEVICES=" + node.uuid(2));
        assertThat(out).containsPattern("CUDA_DEVICE_MEMORY_SHARED_CACHE=" + Pattern.quote(node.vgpu()) + "/[0-9a-f-]{36}\\.cache");
        assertThat(out).contains("preload=" + node.vgpu() + "/libvgpu.so", "cache-dir-writable", "libvgpu-mounted", "lock-dir");
        var gpuNodes = out.lines().filter(l -> l.matches(".*\\snvidia[0-9]+$")).toList();
        assertThat(gpuNodes).hasSize(1);
        assertThat(gpuNodes.getFirst()).matches("c.*\\s195,\\s+2\\s.*nvidia2$");
        assertThat(out).containsPattern("c.*\\s195,\\s+255\\s.*nvidiactl").containsPattern("c.*\\s237,\\s+0\\s.*nvidia-uvm");
        assertThat(Files.readString(node.containerDir().resolve("from-container"))).isEqualTo("written\n");
        assertThat(Files.readString(dir.resolve("state/gpu-1.json"))).contains("\"pod\":\"default/trainer-0/cuda\"", "\"/dev/nvidia2\"");
    }

    @Test
    void aContainerWithoutAllocationPassesThroughByteForByte() throws Exception {
        var bundle = node.bundle("plain", "ls /dev | grep -c nvidia; echo plain-ok", List.of("NVIDIA_VISIBLE_DEVICES=void"), RuncNode.CONTAINERD);
        var before = Files.readAllBytes(bundle.resolve("config.json"));
        var run = node.run(bundle, "plain-1");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("0\nplain-ok");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).isEqualTo(before);
        assertThat(Files.exists(dir.resolve("state"))).isFalse();
    }

    @Test
    void hostileConfigsAreRefusedBeforeRuncRuns() throws Exception {
        var traversal = new HashMap<>(RuncNode.CONTAINERD);
        traversal.put("io.kubernetes.cri.sandbox-uid", "../../../../etc");
        var cases = new ArrayList<Object[]>();
        cases.add(new Object[] {"unknown-uuid", TestEnv.allocation("GPU-ffffffff-5e1d-4c2b-9f3a-7d6e5c4b3a20", 100, 0), RuncNode.CONTAINERD,
            "is not on this node"});
        cases.add(new Object[] {"traversal-annotation", TestEnv.allocation(node.uuid(0), 100, 0), traversal, "not a Kubernetes UID"});
        cases.add(new Object[] {"traversal-env", List.of("NVIDIA_VISIBLE_DEVICES=" + node.uuid(0), "CUDA_DEVICE_MEMORY_LIMIT_0=100m",
            "CUDA_DEVICE_MEMORY_SHARED_CACHE=" + node.vgpu() + "/../../../../etc/shadow"), RuncNode.CONTAINERD, "without '..'"});
        for (var c : cases) {
            var name = (String) c[0];
            @SuppressWarnings("unchecked")
            var bundle = node.bundle(name, "echo started", (List<String>) c[1], (java.util.Map<String, String>) c[2]);
            var before = Files.readAllBytes(bundle.resolve("config.json"));
            var run = node.run(bundle, name);
            assertThat(run.exitCode()).as(name + ": " + run.output()).isEqualTo(2);
            assertThat(run.output()).as(name).startsWith("hami runtime: ").contains((String) c[3]).doesNotContain("started");
            assertThat(run.output().lines()).as(name).hasSize(1);
            assertThat(Files.readAllBytes(bundle.resolve("config.json"))).as(name).isEqualTo(before);
        }
        assertThat(Files.readString(dir.resolve("runc.log"))).contains("\"level\":\"error\"", "is not on this node");
        assertThat(Files.exists(node.containerDir())).isFalse();
    }

    @Test
    void garbageJsonAndLinksOutOfTheBundleAreRefused() throws Exception {
        var garbage = node.bundle("garbage", "echo started", List.of(), RuncNode.CONTAINERD);
        Files.writeString(garbage.resolve("config.json"), "{\"process\": [}");
        var run = node.run(garbage, "garbage");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).startsWith("hami runtime: ").contains("config.json: not valid JSON at line 1");

        var linked = node.bundle("linked", "echo started", TestEnv.allocation(node.uuid(0), 100, 0), RuncNode.CONTAINERD);
        var outside = Files.move(linked.resolve("config.json"), dir.resolve("outside.json"));
        Files.createSymbolicLink(linked.resolve("config.json"), outside);
        var before = Files.readAllBytes(outside);
        run = node.run(linked, "linked");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("config.json: a symbolic link (not followed here), not a regular file");
        assertThat(Files.readAllBytes(outside)).isEqualTo(before);
    }

    @Test
    void theHookFailsAContainerWhoseDeviceVanishedAfterTheEdit() throws Exception {
        // the hook is in the config only when asked for: by default the shim makes its checks at the edit
        Files.writeString(node.config(), Files.readString(node.config()) + "startHook = true\n");
        var bundle = node.bundle("vanish", "echo started", TestEnv.allocation(node.uuid(5), 100, 0), RuncNode.CONTAINERD);
        var edit = OciBundles.run(List.of(node.hami().toString(), "runtime", "--edit-only", "create", "--bundle", bundle.toString(), "vanish"),
                node.env());
        assertThat(edit.exitCode()).as(edit.output()).isZero();
        Files.delete(dir.resolve("dev/nvidia5"));
        var run = OciBundles.run(List.of("runc", "--root", dir.resolve("runc").toString(), "run", "--bundle", bundle.toString(), "vanish"),
                node.env());
        OciBundles.run(List.of("runc", "--root", dir.resolve("runc").toString(), "delete", "--force", "vanish"));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("error running hook", "hami hook createRuntime: linux.devices: device node")
                .doesNotContain("started");
    }
}
