package io.hami.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.testfixtures.oci.OciBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hami} launcher of the packaged build: pass-through verbs, and containers without HAMi limit variables, go to
 * the real runtime without a JVM, the AOT
 * cache is trained and then used (its classes come from the cache, and the JVM runs with {@code -XX:AOTMode=on}), a
 * stale cache is announced, and a container start through the launcher works under real runc.
 */
class LauncherIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LAUNCHER = ROOT.resolve("hami");
    static final Path AOT = ROOT.resolve("cli/target/hami-runtime.aot");
    static final Map<String, String> NO_BUILD = Map.of("HAMI_NO_BUILD", "1");

    @TempDir
    Path dir;

    @BeforeAll
    static void packaged() {
        assumeTrue(Files.isRegularFile(ROOT.resolve("cli/target/hami-cli.jar")), "the cli jar is packaged");
    }

    private Path config(String text) throws IOException {
        var file = Files.writeString(dir.resolve("runtime.conf"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static Map<String, String> env(Path config) {
        var env = new HashMap<>(NO_BUILD);
        env.put("HAMI_RUNTIME_CONFIG", config.toString());
        return env;
    }

    @Test
    void passThroughVerbsExecTheRuntimeWithoutAJvm() throws Exception {
        // A launcher with no jar next to it: any JVM start would fail with "not built".
        var alone = Files.copy(LAUNCHER, dir.resolve("hami"));
        var runtime = Files.writeString(dir.resolve("fake-runc"), "#!/bin/sh\necho \"fake runtime: $*\"\n");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        var env = env(config("runtime = " + runtime + "\n"));
        var run = OciBundles.run(List.of(alone.toString(), "runtime", "--root", "/run/x", "--log-format", "json", "state", "c1"), env);
        assertThat(run.output()).isEqualTo("fake runtime: --root /run/x --log-format json state c1\n");
        assertThat(run.exitCode()).isZero();
        // create/run of a container whose config names no HAMi limit variable: nothing to edit, no JVM either.
        var plain = dir.resolve("plain");
        OciBundles.writeConfig(plain, OciBundles.config(List.of("sh"), List.of("NVIDIA_VISIBLE_DEVICES=all"), Map.of()));
        run = OciBundles.run(List.of(alone.toString(), "runtime", "--root", "/r", "create", "--bundle=" + plain, "c1"), env);
        assertThat(run.output()).isEqualTo("fake runtime: --root /r create --bundle=" + plain + " c1\n");
        run = OciBundles.run(List.of(alone.toString(), "runtime", "run", "-b", plain.toString(), "c1"), env);
        assertThat(run.output()).isEqualTo("fake runtime: run -b " + plain + " c1\n");
        // A config that names a limit variable only outside the environment (an annotation, an argument) holds no
        // allocation: no JVM either.
        var decoy = dir.resolve("decoy");
        OciBundles.writeConfig(decoy, OciBundles.config(List.of("sh", "-c", "echo $CUDA_DEVICE_SM_LIMIT \"CUDA_DEVICE_MEMORY_LIMIT\""),
                List.of("NOTE=CUDA_DEVICE_SM_LIMIT=30"), Map.of("note", "CUDA_DEVICE_SM_LIMIT is set by HAMi")));
        run = OciBundles.run(List.of(alone.toString(), "runtime", "create", "--bundle", decoy.toString(), "c1"), env);
        assertThat(run.output()).isEqualTo("fake runtime: create --bundle " + decoy + " c1\n");
        // One whose environment does (also spelled with JSON escapes, or a name without a value), or one the shell
        // cannot read, goes to the JVM (here: there is none).
        var gpu = dir.resolve("gpu");
        OciBundles.writeConfig(gpu, OciBundles.config(List.of("sh"), List.of("CUDA_DEVICE_SM_LIMIT=30"), Map.of()));
        var lockless = dir.resolve("lockless");
        OciBundles.writeConfig(lockless, OciBundles.config(List.of("sh"), List.of("HAMI_LOCKLESS_DEVICES=1"), Map.of()));
        var memory = dir.resolve("memory");
        OciBundles.writeConfig(memory, OciBundles.config(List.of("sh"), List.of("CUDA_DEVICE_MEMORY_LIMIT_0=1000m"), Map.of()));
        var bare = dir.resolve("bare");
        OciBundles.writeConfig(bare, OciBundles.config(List.of("sh"), List.of("CUDA_DEVICE_SM_LIMIT"), Map.of()));
        var escaped = dir.resolve("escaped");
        OciBundles.writeConfig(escaped, OciBundles.config(List.of("sh"), List.of("X=1"), Map.of()));
        Files.writeString(escaped.resolve("config.json"), Files.readString(escaped.resolve("config.json"))
                .replace("\"X=1\"", "\"\\u0043UDA_DEVICE_SM_LIMIT=30\""));
        var escapedEquals = dir.resolve("escaped-equals");
        OciBundles.writeConfig(escapedEquals, OciBundles.config(List.of("sh"), List.of("X=1"), Map.of()));
        Files.writeString(escapedEquals.resolve("config.json"), Files.readString(escapedEquals.resolve("config.json"))
                .replace("\"X=1\"", "\"CUDA_DEVICE_SM_LIMIT\\u003d30\""));
        for (var bundle : List.of(gpu, lockless, memory, bare, escaped, escapedEquals, dir.resolve("missing"))) {
            run = OciBundles.run(List.of(alone.toString(), "runtime", "create", "--bundle", bundle.toString(), "c1"), env);
            assertThat(run.output()).as(bundle.toString()).startsWith("hami: not built");
        }
    }

    @Test
    void aFifoConfigIsRefusedInOneLineAndTheRuntimeNeverRuns() throws Exception {
        var runtime = Files.writeString(dir.resolve("fake-runc"), "#!/bin/sh\necho \"fake runtime: $*\"\n");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        var env = env(config("runtime = " + runtime + "\nhook = none\n"));
        var bundle = Files.createDirectories(dir.resolve("fifo"));
        assertThat(new ProcessBuilder("mkfifo", bundle.resolve("config.json").toString()).inheritIO().start().waitFor()).isZero();
        var run = OciBundles.run(List.of(LAUNCHER.toString(), "runtime", "create", "--bundle", bundle.toString(), "c1"), env);
        assertThat(run.output().lines().filter(l -> !l.startsWith("hami: no AOT cache")).toList())
                .containsExactly("hami runtime: " + bundle.toRealPath().resolve("config.json") + ": a FIFO (named pipe), not a regular file");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void theLauncherRefusesAConfigOthersMayWriteOrThatNamesItself() throws Exception {
        var config = config("runtime = runc\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));
        var run = OciBundles.run(List.of(LAUNCHER.toString(), "runtime", "state", "c1"), env(config));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).isEqualTo("hami: runtime config " + config + ": writable by group or others\n");
        config = config("runtime = " + LAUNCHER.toRealPath() + "\n");
        run = OciBundles.run(List.of(LAUNCHER.toString(), "runtime", "state", "c1"), env(config));
        assertThat(run.output()).contains("is this shim itself");
    }

    @Test
    void theAotCacheIsTrainedThenUsedAndAStaleOneIsAnnounced() throws Exception {
        var train = OciBundles.run(List.of(LAUNCHER.toString(), "aot-train"), NO_BUILD);
        assertThat(train.exitCode()).as(train.output()).isZero();
        assertThat(train.output()).contains("hami: AOT cache " + AOT);
        // only our own lines: none of the JVM's notes on skipped classes, its configuration file or its child JVM
        assertThat(train.output().lines()).as(train.output()).allMatch(l -> l.startsWith("hami: "));

        var bundle = dir.resolve("plain");
        OciBundles.writeConfig(bundle, OciBundles.config());
        var state = Files.writeString(dir.resolve("state.json"), "{\"ociVersion\":\"1.0.2\",\"id\":\"c1\",\"bundle\":\"" + bundle + "\"}");
        // The launcher's own command line, with class loading logged: the runtime hook's classes come from the cache.
        var logged = new HashMap<>(env(config("hook = none\n")));
        logged.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info");
        var loaded = OciBundles.run(List.of("sh", "-c", "exec \"$0\" hook createRuntime < \"$1\"", LAUNCHER.toString(), state.toString()), logged);
        assertThat(loaded.exitCode()).as(loaded.output()).isZero();
        assertThat(loaded.output()).contains("io.hami.runtimehook.hook.CreateRuntimeHook source: shared objects file",
                "io.hami.runtimehook.oci.RuntimeSpec source: shared objects file").doesNotContain("no AOT cache");
        // The JVM loads every cached class at start: the cache holds the container-start path only, not the training's
        // NVML lookup, the logger System.exit sets up, or the vendor catalog the shim does not need.
        assertThat(loaded.output()).doesNotContain("io.hami.bindings.nvml.Nvml source:", "jdk.internal.logger.BootstrapLogger source:",
                "io.hami.model.vendor.SchedulerOnlyVendors source:");

        var viaLauncher = OciBundles.run(List.of("sh", "-c", "exec \"$0\" hook createRuntime < \"$1\"", LAUNCHER.toString(), state.toString()),
                env(config("hook = none\n")));
        assertThat(viaLauncher.exitCode()).as(viaLauncher.output()).isZero();
        assertThat(viaLauncher.output()).isEmpty();

        var copy = copyLayout();
        Files.setLastModifiedTime(copy.resolve("cli/target/hami-cli.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        var stale = OciBundles.run(List.of("sh", "-c", "exec \"$0\" hook createRuntime < \"$1\"", copy.resolve("hami").toString(), state.toString()),
                env(config("hook = none\n")));
        assertThat(stale.exitCode()).as(stale.output()).isZero();
        assertThat(stale.output()).startsWith("hami: no AOT cache for this JDK and build at " + copy.resolve("cli/target/hami-runtime.aot"));
    }

    @Test
    void aContainerStartsThroughTheLauncherUnderRunc() throws Exception {
        assumeTrue(OciBundles.runcUsable(), "runc, busybox and root are needed");
        var node = RuncNode.create(dir);
        var bundle = node.bundle("gpu", "ls /dev | grep nvidia; echo $CUDA_DEVICE_MEMORY_LIMIT_0", TestEnv.allocation(node.uuid(6), 500, 10),
                RuncNode.CONTAINERD);
        var conf = Files.readString(node.config()).replace("hook = " + node.hami(), "hook = " + LAUNCHER);
        Files.writeString(node.config(), conf);
        var env = new HashMap<>(node.env());
        env.putAll(NO_BUILD);
        var root = dir.resolve("runc").toString();
        var run = OciBundles.run(List.of(LAUNCHER.toString(), "runtime", "--root", root, "run", "--bundle", bundle.toString(), "through-launcher"), env);
        OciBundles.run(List.of("runc", "--root", root, "delete", "--force", "through-launcher"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().toList()).containsExactly("nvidia-uvm", "nvidia6", "nvidiactl", "500m");
    }

    @Test
    void anInstallTreeRunsItsOwnJreAndKeepsItsAotCacheWhereverItIsCopied() throws Exception {
        // The layout of scripts/build-image.sh (the image's /opt/hami-java): bin/, jre/ (here the JDK running this
        // test, in the image a jlink'd one), app/. No JAVA_HOME to find: the launcher must take jre/.
        var tree = dir.resolve("hami-java");
        Files.createDirectories(tree.resolve("bin"));
        Files.createDirectories(tree.resolve("app/lib"));
        for (var name : List.of("hami", "hami-runtime")) {
            Files.copy(ROOT.resolve(name), tree.resolve("bin").resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createSymbolicLink(tree.resolve("jre"), Path.of(System.getProperty("java.home")));
        copyJars(tree.resolve("app"));
        var noJdk = Map.of("JAVA_HOME", dir.resolve("no-jdk").toString(), "PATH", "/usr/bin:/bin");

        var train = OciBundles.run(List.of(tree.resolve("bin/hami").toString(), "aot-train"), noJdk);
        assertThat(train.exitCode()).as(train.output()).isZero();
        assertThat(train.output()).contains("hami: AOT cache " + tree.resolve("app/hami-runtime.aot"));
        // The stamp names the tree's own JRE, not where it was when trained.
        assertThat(Files.readAllLines(tree.resolve("app/hami-runtime.aot.stamp")).getFirst()).isEqualTo("jre");

        // The runtime installer copies the tree to a host prefix, file times kept: the cache still serves it.
        var copied = Files.move(tree, Files.createDirectories(dir.resolve("usr/local")).resolve("hami-java"));
        var version = OciBundles.run(List.of(copied.resolve("bin/hami").toString(), "version"), noJdk);
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).contains("runtime: Java");
        var bundle = dir.resolve("plain");
        OciBundles.writeConfig(bundle, OciBundles.config());
        var state = Files.writeString(dir.resolve("state.json"), "{\"ociVersion\":\"1.0.2\",\"id\":\"c1\",\"bundle\":\"" + bundle + "\"}");
        var logged = new HashMap<>(env(config("hook = none\n")));
        logged.putAll(noJdk);
        logged.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info");
        var hook = OciBundles.run(List.of("sh", "-c", "exec \"$0\" hook createRuntime < \"$1\"", copied.resolve("bin/hami").toString(),
                state.toString()), logged);
        assertThat(hook.exitCode()).as(hook.output()).isZero();
        assertThat(hook.output()).contains("io.hami.runtimehook.hook.CreateRuntimeHook source: shared objects file")
                .doesNotContain("no AOT cache");
        Files.delete(copied.resolve("jre")); // the link only, before the temporary directory is deleted
    }

    private Path copyLayout() throws IOException {
        var copy = dir.resolve("layout");
        Files.createDirectories(copy.resolve("cli/target/lib"));
        Files.copy(LAUNCHER, copy.resolve("hami"), StandardCopyOption.COPY_ATTRIBUTES);
        for (var name : List.of("hami-runtime.aot", "hami-runtime.aot.stamp")) {
            Files.copy(ROOT.resolve("cli/target").resolve(name), copy.resolve("cli/target").resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        copyJars(copy.resolve("cli/target"));
        return copy;
    }

    /** Copies the cli jar and its lib/ into {@code target}, times kept (the AOT cache compares them). */
    private static void copyJars(Path target) throws IOException {
        Files.createDirectories(target.resolve("lib"));
        Files.copy(ROOT.resolve("cli/target/hami-cli.jar"), target.resolve("hami-cli.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        try (Stream<Path> jars = Files.list(ROOT.resolve("cli/target/lib"))) {
            for (var jar : jars.toList()) {
                Files.copy(jar, target.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
