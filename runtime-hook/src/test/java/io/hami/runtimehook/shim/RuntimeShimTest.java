package io.hami.runtimehook.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.runtimehook.TestNode;
import io.hami.testfixtures.oci.OciBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shim's edit on bundles on disk: what is written, what is left alone, and that a refusal writes nothing. */
class RuntimeShimTest {
    @TempDir
    Path dir;
    TestNode node;
    RuntimeShim shim;
    Path bundle;

    @BeforeEach
    void node() throws Exception {
        node = TestNode.create(dir.resolve("node"));
        shim = new RuntimeShim(node.config(), node.nodes(), TestNode::resolver);
        bundle = dir.resolve("bundle");
        Files.createDirectories(bundle);
    }

    private RuntimeArgs create() {
        return RuntimeArgs.parse(List.of("--root", dir.resolve("root").toString(), "create", "--bundle", bundle.toString(), "c1"));
    }

    private byte[] write(List<String> env, Map<String, String> annotations) throws Exception {
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh"), env, annotations));
        return Files.readAllBytes(bundle.resolve("config.json"));
    }

    private List<String> bundleFiles() throws Exception {
        try (Stream<Path> files = Files.list(bundle)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aContainerWithoutAllocationIsLeftByteForByte() throws Exception {
        var before = write(List.of("NVIDIA_VISIBLE_DEVICES=all"), TestNode.CONTAINERD);
        var modified = Files.getLastModifiedTime(bundle.resolve("config.json"));
        assertThat(shim.prepare(create())).isEmpty();
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(bundle.resolve("config.json"))).isEqualTo(modified);
        assertThat(Files.exists(node.containerDir())).isFalse();
    }

    @Test
    void otherVerbsDoNotEvenReadTheBundle() throws Exception {
        Files.writeString(bundle.resolve("config.json"), "garbage");
        for (var verb : List.of("start", "delete", "state", "kill")) {
            assertThat(shim.prepare(RuntimeArgs.parse(List.of(verb, "c1")))).isEmpty();
        }
    }

    @Test
    void anAllocatedContainerIsRewrittenAtomicallyWithItsDirectories() throws Exception {
        write(new ArrayList<>(TestNode.allocation(TestNode.GPUS.get(1), 2000, 50)), TestNode.CONTAINERD);
        Files.setPosixFilePermissions(bundle.resolve("config.json"), PosixFilePermissions.fromString("rw-------"));
        var plan = shim.prepare(create()).orElseThrow();
        assertThat(plan.hostContainerDir()).isEqualTo(node.containerDir());
        assertThat(Files.getPosixFilePermissions(node.containerDir())).isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(Files.isDirectory(dir.resolve("node/lock"))).isTrue();
        assertThat(Files.getPosixFilePermissions(bundle.resolve("config.json"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(bundleFiles()).containsExactly("config.json");
        assertThat(Files.readString(bundle.resolve("config.json"))).contains("\"/dev/nvidia1\"");
    }

    @Test
    void theShimMakesTheHooksChecksAndRecordItselfAndAddsNoHook() throws Exception {
        write(new ArrayList<>(TestNode.allocation(TestNode.GPUS.get(1), 2000, 50)), TestNode.CONTAINERD);
        shim.prepare(create()).orElseThrow();
        assertThat(Files.readString(bundle.resolve("config.json"))).doesNotContain("createRuntime");
        var record = Files.readString(dir.resolve("node/state/c1.json"));
        assertThat(record).contains("\"id\":\"c1\"", "\"pod\":\"default/trainer-0/cuda\"", "\"/dev/nvidia1\"", "\"/dev/nvidiactl\"");
    }

    @Test
    void withStartHookTheHookIsAddedAndLeftToCheckAtStart() throws Exception {
        write(new ArrayList<>(TestNode.allocation(TestNode.GPUS.get(1), 2000, 50)), TestNode.CONTAINERD);
        new RuntimeShim(node.withStartHook(), node.nodes(), TestNode::resolver).prepare(create()).orElseThrow();
        assertThat(Files.readString(bundle.resolve("config.json"))).contains("\"createRuntime\"", "\"/dev/nvidia1\"");
        assertThat(Files.exists(dir.resolve("node/state"))).isFalse();
    }

    @Test
    void anotherGpuNodeTheConfigAlreadyNamesIsCheckedAtTheEditAndTheConfigKept() throws Exception {
        var config = OciBundles.config(List.of("sh"), TestNode.allocation(TestNode.GPUS.get(1), 2000, 50), TestNode.CONTAINERD);
        config.withObject("/linux").withArray("devices").addObject().put("path", "/dev/nvidia3").put("type", "c").put("major", 195)
                .put("minor", 3);
        OciBundles.writeConfig(bundle, config);
        var before = Files.readAllBytes(bundle.resolve("config.json"));
        node.nodes().remove(node.dir().resolve("dev/nvidia3"));
        assertThatThrownBy(() -> shim.prepare(create()))
                .hasMessage("linux.devices: device node " + node.dir().resolve("dev/nvidia3") + " does not exist");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).isEqualTo(before);
        assertThat(Files.exists(dir.resolve("node/state"))).isFalse();
    }

    @Test
    void refusedContainersLeaveTheBundleUntouched() throws Exception {
        var cases = List.of(
                List.of("NVIDIA_VISIBLE_DEVICES=GPU-ffffffff-5e1d-4c2b-9f3a-7d6e5c4b3a20", "CUDA_DEVICE_MEMORY_LIMIT_0=10m"),
                List.of("NVIDIA_VISIBLE_DEVICES=" + TestNode.GPUS.get(0), "CUDA_DEVICE_MEMORY_LIMIT_0=10m",
                        "CUDA_DEVICE_MEMORY_SHARED_CACHE=/usr/local/vgpu/../../../etc/passwd"));
        for (var env : cases) {
            var before = write(env, TestNode.CONTAINERD);
            assertThatThrownBy(() -> shim.prepare(create())).isInstanceOf(io.hami.runtimehook.HookException.class);
            assertThat(Files.readAllBytes(bundle.resolve("config.json"))).isEqualTo(before);
            assertThat(bundleFiles()).containsExactly("config.json");
        }
        Files.writeString(bundle.resolve("config.json"), "{\"process\": {\"env\": [\"CUDA_DEVICE_SM_LIMIT=3\"");
        assertThatThrownBy(() -> shim.prepare(create())).hasMessageContaining("config.json: not valid JSON at line 1");
        assertThat(Files.readString(bundle.resolve("config.json"))).isEqualTo("{\"process\": {\"env\": [\"CUDA_DEVICE_SM_LIMIT=3\"");
    }

    @Test
    void aConfigThatIsALinkIsNotFollowed() throws Exception {
        var outside = dir.resolve("outside.json");
        OciBundles.writeConfig(dir.resolve("elsewhere"), OciBundles.config(List.of("sh"), TestNode.allocation(TestNode.GPUS.get(0), 10, 0),
                TestNode.CONTAINERD));
        Files.move(dir.resolve("elsewhere/config.json"), outside);
        var before = Files.readAllBytes(outside);
        Files.createSymbolicLink(bundle.resolve("config.json"), outside);
        assertThatThrownBy(() -> shim.prepare(create())).hasMessage(bundle.toRealPath().resolve("config.json")
                + ": a symbolic link (not followed here), not a regular file");
        assertThat(Files.readAllBytes(outside)).isEqualTo(before);
    }

    @Test
    void aMissingBundleOrConfigIsOneLine() throws Exception {
        assertThatThrownBy(() -> shim.prepare(RuntimeArgs.parse(List.of("create", "--bundle", dir.resolve("nope").toString(), "c1"))))
                .hasMessage("bundle " + dir.resolve("nope") + ": no such directory");
        assertThatThrownBy(() -> shim.prepare(create())).hasMessageEndingWith("config.json: no such file");
    }

    @Test
    void aLockDirectoryNotOwnedByRootIsNotMounted() throws Exception {
        write(TestNode.allocation(TestNode.GPUS.get(1), 2000, 50), TestNode.CONTAINERD);
        var lock = Files.createDirectories(dir.resolve("node/lock"));
        if (OciBundles.isRoot()) {
            Files.setAttribute(lock, "unix:uid", 65534); // else it already belongs to the user running the test
        }
        int owner = (Integer) Files.getAttribute(lock, "unix:uid");
        assertThat(owner).isNotZero();
        var before = Files.readAllBytes(bundle.resolve("config.json"));
        assertThatThrownBy(() -> shim.prepare(create())).hasMessage(lock + ": owned by uid " + owner + ", not by root; refusing to mount it into containers");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).isEqualTo(before);
    }

    @Test
    void aPlantedLinkForTheContainerDirectoryIsRefused() throws Exception {
        write(TestNode.allocation(TestNode.GPUS.get(1), 2000, 50), TestNode.CONTAINERD);
        Files.createDirectories(node.containerDir().getParent());
        Files.createSymbolicLink(node.containerDir(), Path.of("/etc"));
        try {
            assertThatThrownBy(() -> shim.prepare(create())).hasMessageEndingWith("exists and is not a directory (a symbolic link, never followed)");
        } finally {
            Files.delete(node.containerDir());
        }
    }

    @Test
    void aGpuNodeWithOtherNumbersThanTheDriverReportsIsRefusedAndTheConfigKept() throws Exception {
        var before = write(TestNode.allocation(TestNode.GPUS.get(2), 2000, 50), TestNode.CONTAINERD);
        var host = node.dir().resolve("dev/nvidia2");
        node.nodes().add(host, 195, 5);
        assertThatThrownBy(() -> shim.prepare(create())).hasMessage("GPU " + TestNode.GPUS.get(2) + ": device node " + host
                + " is c 195:5 on the host, but the driver reports 195:2");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).isEqualTo(before);
        assertThat(bundleFiles()).containsExactly("config.json");
        assertThat(Files.exists(node.containerDir())).isFalse();
    }

    @Test
    void tenThousandCopiesOfOneGpuAreRefusedInOneLineAndTheConfigKept() throws Exception {
        var visible = String.join(",", Collections.nCopies(10_000, TestNode.GPUS.get(0)));
        var before = write(List.of("NVIDIA_VISIBLE_DEVICES=" + visible, "CUDA_DEVICE_MEMORY_LIMIT_0=1000m"), TestNode.CONTAINERD);
        assertThatThrownBy(() -> shim.prepare(create())).hasMessage("process.env: hami-core-env: NVIDIA_VISIBLE_DEVICES: " + visible.length()
                + " characters, longer than a list of 16 GPU UUIDs can be (2063)");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).isEqualTo(before);
    }

    @Test
    void seventeenDistinctGpusAreRefusedAndTheConfigKept() throws Exception {
        var env = new ArrayList<String>();
        var uuids = new ArrayList<String>();
        for (int i = 0; i < 17; i++) {
            uuids.add("GPU-a10000" + String.format("%02d", i) + "-5e1d-4c2b-9f3a-7d6e5c4b3a20");
            env.add("CUDA_DEVICE_MEMORY_LIMIT_" + i + "=1000m");
        }
        env.add("NVIDIA_VISIBLE_DEVICES=" + String.join(",", uuids));
        var before = write(env, TestNode.CONTAINERD);
        assertThatThrownBy(() -> shim.prepare(create())).hasMessageStartingWith("process.env: hami-core-env: NVIDIA_VISIBLE_DEVICES: more than 16 GPUs");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).isEqualTo(before);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard against a hang only
    void aFifoConfigIsRefusedWithoutBeingOpened() throws Exception {
        var fifo = bundle.resolve("config.json");
        var mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThatThrownBy(() -> shim.prepare(create()))
                .hasMessage(bundle.toRealPath().resolve("config.json") + ": a FIFO (named pipe), not a regular file");
    }
}
