package io.hami.runtimehook.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.TestNode;
import io.hami.runtimehook.hook.CreateRuntimeHook;
import io.hami.runtimehook.shim.RuntimeArgs;
import io.hami.runtimehook.shim.RuntimeShim;
import io.hami.testfixtures.oci.OciBundles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under what the shim writes (docs/reliability.md, "Full disk"): the state directory (where the shim, or
 * the {@code createRuntime} hook with {@code startHook = true}, records each container), and the bundle whose {@code config.json} the shim rewrites, each on a tmpfs of 64 KiB filled to its last byte. The write
 * fails with one line naming the directory and the kernel's reason, leaves no file half written and no temporary
 * file behind (the config stays byte for byte what it was), and the same call succeeds once the filler is deleted.
 * Mounting needs root: without it the tests are skipped, saying so.
 */
class FullDiskIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final List<Path> mounted = new ArrayList<>();
    private TestNode node;
    private Path bundle;

    @BeforeEach
    void node() throws IOException {
        assumeTrue(OciBundles.isRoot(), "mounting a small tmpfs needs root");
        node = TestNode.create(dir.resolve("node"));
        bundle = dir.resolve("bundle");
    }

    @AfterEach
    void unmount() {
        for (Path p : mounted.reversed()) {
            var result = OciBundles.run(List.of("umount", p.toString()));
            assertThat(result.exitCode()).as("umount %s: %s", p, result.output()).isZero();
        }
    }

    /** Mounts a 64 KiB tmpfs on {@code at}; skips the test, with the reason, where this system does not allow it. */
    private void smallTmpfs(Path at) throws IOException {
        Files.createDirectories(at);
        var result = OciBundles.run(List.of("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", at.toString()));
        assumeTrue(result.exitCode() == 0, () -> "cannot mount a tmpfs here: " + result.output().strip());
        mounted.add(at);
    }

    /** Writes {@code <in>/filler} until the file system has no byte left; answers the bytes written. */
    private static long fill(Path in) throws IOException {
        long written = 0;
        try (var channel = FileChannel.open(in.resolve("filler"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int chunk : new int[] {4096, 1}) {
                var buffer = ByteBuffer.allocate(chunk);
                while (true) {
                    try {
                        written += channel.write(buffer.clear());
                    } catch (IOException e) {
                        assertThat(e.getMessage()).as("filling %s", in).isEqualTo("No space left on device");
                        break;
                    }
                }
            }
        }
        return written;
    }

    private static List<String> names(Path in) throws IOException {
        try (Stream<Path> files = Files.list(in)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private byte[] runcState(String id) {
        return ("{\"ociVersion\":\"1.0.2-dev\",\"id\":\"" + id + "\",\"status\":\"creating\",\"pid\":4242,\"bundle\":\""
                + bundle + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private RuntimeShim shim() {
        return new RuntimeShim(node.config(), node.nodes(), TestNode::resolver);
    }

    /** The shim of a node with {@code startHook = true}: the record is the {@code createRuntime} hook's to write. */
    private RuntimeShim shimWithStartHook() {
        return new RuntimeShim(node.withStartHook(), node.nodes(), TestNode::resolver);
    }

    private static RuntimeArgs create(Path bundle) {
        return RuntimeArgs.parse(List.of("create", "--bundle", bundle.toString(), "c1"));
    }

    @Test
    void aFullStateDirectoryFailsTheStartHookInOneLineLeavesNoRecordAndRecoversOnceFreed() throws Exception {
        Path state = node.config().stateDir();
        smallTmpfs(state);
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh"), TestNode.allocation(TestNode.GPUS.get(3), 1000, 0),
                TestNode.CONTAINERD));
        shimWithStartHook().prepare(create(bundle));
        var hook = new CreateRuntimeHook(node.withStartHook(), node.nodes(), CLOCK);
        long filled = fill(state);

        assertThatThrownBy(() -> hook.run(runcState("c1")))
                .isInstanceOf(HookException.class)
                .hasMessage("hook record in " + state + ": No space left on device");
        var left = names(state);
        assertThat(left).as("no record and no temporary file").containsExactly("filler");

        Files.delete(state.resolve("filler"));
        var record = hook.run(runcState("c1")).orElseThrow();
        assertThat(names(state)).containsExactly("c1.json");
        assertThat(Files.readString(state.resolve("c1.json"))).contains("\"gpus\"", TestNode.GPUS.get(3));
        assertThat(record.gpus()).containsExactly(TestNode.GPUS.get(3));
        System.out.printf("full disk, state directory: %d bytes filled a 64 KiB tmpfs; the hook failed in one line, "
                + "left %s, and recorded c1 once freed%n", filled, left);
    }

    @Test
    void aFullStateDirectoryFailsTheShimInOneLineBeforeItEditsTheConfigAndRecoversOnceFreed() throws Exception {
        Path state = node.config().stateDir();
        smallTmpfs(state);
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh"), TestNode.allocation(TestNode.GPUS.get(3), 1000, 0),
                TestNode.CONTAINERD));
        byte[] before = Files.readAllBytes(bundle.resolve("config.json"));
        long filled = fill(state);

        assertThatThrownBy(() -> shim().prepare(create(bundle)))
                .isInstanceOf(HookException.class)
                .hasMessage("hook record in " + state + ": No space left on device");
        assertThat(names(state)).as("no record and no temporary file").containsExactly("filler");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).as("config.json as it was").isEqualTo(before);

        Files.delete(state.resolve("filler"));
        assertThat(shim().prepare(create(bundle))).isPresent();
        assertThat(names(state)).containsExactly("c1.json");
        assertThat(Files.readString(state.resolve("c1.json"))).contains("\"gpus\"", TestNode.GPUS.get(3));
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).as("the shim's edit").isNotEqualTo(before);
        System.out.printf("full disk, state directory (the shim's record): %d bytes filled a 64 KiB tmpfs; the shim "
                + "failed in one line before editing config.json, and recorded c1 once freed%n", filled);
    }

    @Test
    void aFullBundleFailsTheShimInOneLineLeavesTheConfigAsItWasAndRecoversOnceFreed() throws Exception {
        smallTmpfs(bundle);
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh"), TestNode.allocation(TestNode.GPUS.get(3), 1000, 0),
                TestNode.CONTAINERD));
        byte[] before = Files.readAllBytes(bundle.resolve("config.json"));
        long filled = fill(bundle);

        assertThatThrownBy(() -> shim().prepare(create(bundle)))
                .isInstanceOf(HookException.class)
                .hasMessage(bundle.resolve("config.json") + ": cannot write: No space left on device");
        assertThat(names(bundle)).as("no temporary file").containsExactly("config.json", "filler");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).as("config.json as it was").isEqualTo(before);

        Files.delete(bundle.resolve("filler"));
        assertThat(shim().prepare(create(bundle))).isPresent();
        assertThat(names(bundle)).containsExactly("config.json");
        assertThat(Files.readAllBytes(bundle.resolve("config.json"))).as("the shim's edit").isNotEqualTo(before);
        System.out.printf("full disk, bundle: %d bytes filled a 64 KiB tmpfs; the shim failed in one line, config.json "
                + "unchanged, rewritten once freed%n", filled);
    }
}
