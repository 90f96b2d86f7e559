package io.hami.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.testfixtures.oci.OciBundles;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hami} launcher's runtime path, which needs no build: {@code hami runtime} with a real runtime that is not
 * there says which one it looked for and where to set it, and exits 127 as a shell does for a missing command; a
 * {@code config.json} the shell must not read is handed to the JVM unread; before the JVM the shell runs no program but
 * {@code stat} and {@code grep} (each costs a container start its fork and exec), and {@code readlink} only when it is
 * itself reached through a link.
 */
class LauncherTest {
    static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent().resolve("hami");

    @TempDir
    Path dir;

    /** A PATH holding only what the launcher's runtime path runs: bash (for its first line), stat, grep. */
    private String pathWithoutRunc() throws IOException {
        return pathOf("bash", "stat", "grep");
    }

    private String pathOf(String... tools) throws IOException {
        var bin = Files.createDirectories(dir.resolve("bin"));
        for (var tool : tools) {
            var found = Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(d -> Path.of(d, tool))
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(tool + " is not on PATH"));
            Files.createSymbolicLink(bin.resolve(tool), found.toRealPath());
        }
        return bin.toString();
    }

    private Path config(String text) throws IOException {
        var file = Files.writeString(dir.resolve("runtime.conf"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    @Test
    void aRuntimeMissingFromPathIsNamedWithTheSettingThatChoosesIt() throws Exception {
        var config = config("hook = none\n");
        var env = Map.of("PATH", pathWithoutRunc(), "HAMI_RUNTIME_CONFIG", config.toString(), "HAMI_NO_BUILD", "1");
        for (var args : List.of(List.of("--help"), List.of("state", "c1"))) {
            var command = Stream.concat(Stream.of(LAUNCHER.toString(), "runtime"), args.stream()).toList();
            var run = OciBundles.run(command, env);
            assertThat(run.output()).as("hami runtime %s", args).isEqualTo("hami runtime: runc not found on PATH; set the real runtime with "
                    + "\"runtime = /path/to/runtime\" in " + config + "\n");
            assertThat(run.exitCode()).isEqualTo(127);
        }
    }

    @Test
    void aConfiguredRuntimeThatIsNotAnExecutableFileIsNamed() throws Exception {
        var missing = dir.resolve("sbin/runc");
        var config = config("runtime = " + missing + "\n");
        var run = OciBundles.run(List.of(LAUNCHER.toString(), "runtime", "--help"),
                Map.of("PATH", pathWithoutRunc(), "HAMI_RUNTIME_CONFIG", config.toString(), "HAMI_NO_BUILD", "1"));
        assertThat(run.output()).isEqualTo("hami runtime: " + missing + " is not an executable file; set the real runtime with "
                + "\"runtime = /path/to/runtime\" in " + config + "\n");
        assertThat(run.exitCode()).isEqualTo(127);
    }

    private static void mkfifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
    }

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard against a hang only
    void aConfigThatIsNotAPlainFileOfBoundedSizeGoesToTheJvmUnread() throws Exception {
        // A launcher with no jar beside it: handing the bundle to the JVM answers "not built" at once.
        var alone = Files.copy(LAUNCHER, dir.resolve("hami"));
        var runtime = Files.writeString(dir.resolve("fake-runc"), "#!/bin/sh\necho \"fake runtime: $*\"\n");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        var env = Map.of("PATH", pathWithoutRunc(), "HAMI_RUNTIME_CONFIG", config("runtime = " + runtime + "\n").toString(), "HAMI_NO_BUILD", "1");
        var fifo = Files.createDirectories(dir.resolve("fifo"));
        mkfifo(fifo.resolve("config.json"));
        var link = Files.createDirectories(dir.resolve("link"));
        Files.createSymbolicLink(link.resolve("config.json"), fifo.resolve("config.json"));
        var huge = Files.createDirectories(dir.resolve("huge"));
        try (var file = new RandomAccessFile(huge.resolve("config.json").toFile(), "rw")) {
            file.setLength((4L << 20) + 1); // sparse, and without a HAMi variable: the shell would pass it to the runtime
        }
        for (var bundle : List.of(fifo, link, huge)) {
            var run = OciBundles.run(List.of(alone.toString(), "runtime", "create", "--bundle", bundle.toString(), "c1"), env);
            assertThat(run.output()).as(bundle.getFileName().toString()).startsWith("hami: not built");
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    private Path fakeRuntime() throws IOException {
        var runtime = Files.writeString(dir.resolve("fake-runc"), "#!/bin/sh\necho \"fake runtime: $*\"\n");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        return runtime;
    }

    @Test
    void anAllocatedStartReachesTheJvmRunningOnlyStatAndGrep() throws Exception {
        // A launcher with no jar beside it: handing the bundle to the JVM answers "not built" at once.
        var alone = Files.copy(LAUNCHER, dir.resolve("hami"));
        var env = Map.of("PATH", pathOf("bash", "stat", "grep"), "HAMI_RUNTIME_CONFIG", config("runtime = " + fakeRuntime() + "\n").toString(),
                "HAMI_NO_BUILD", "1");
        var gpu = dir.resolve("gpu");
        OciBundles.writeConfig(gpu, OciBundles.config(List.of("sh"), List.of("CUDA_DEVICE_SM_LIMIT=30"), Map.of()));
        var run = OciBundles.run(List.of(alone.toString(), "runtime", "create", "--bundle", gpu.toString(), "c1"), env);
        assertThat(run.output()).startsWith("hami: not built");
        var plain = dir.resolve("plain");
        OciBundles.writeConfig(plain, OciBundles.config(List.of("sh"), List.of("NVIDIA_VISIBLE_DEVICES=all"), Map.of()));
        run = OciBundles.run(List.of(alone.toString(), "runtime", "run", "-b", plain.toString(), "c1"), env);
        assertThat(run.output()).isEqualTo("fake runtime: run -b " + plain + " c1\n");
    }

    @Test
    void aConfigOthersMayWriteIsRefusedBeforeAnyContainerIsRead() throws Exception {
        var config = config("runtime = " + fakeRuntime() + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-r--"));
        var gpu = dir.resolve("gpu");
        OciBundles.writeConfig(gpu, OciBundles.config(List.of("sh"), List.of("CUDA_DEVICE_SM_LIMIT=30"), Map.of()));
        var env = Map.of("PATH", pathWithoutRunc(), "HAMI_RUNTIME_CONFIG", config.toString(), "HAMI_NO_BUILD", "1");
        for (var args : List.of(List.of("create", "--bundle", gpu.toString(), "c1"), List.of("run", "--bundle", dir.resolve("missing").toString(), "c1"))) {
            var command = Stream.concat(Stream.of(LAUNCHER.toString(), "runtime"), args.stream()).toList();
            var run = OciBundles.run(command, env);
            assertThat(run.output()).as("hami runtime %s", args).isEqualTo("hami: runtime config " + config + ": writable by group or others\n");
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void aLauncherReachedThroughALinkOrALinkedDirectoryKnowsItsOwnPath() throws Exception {
        var real = Files.createDirectories(dir.toRealPath().resolve("real"));
        var launcher = Files.copy(LAUNCHER, real.resolve("hami"));
        var linkedDirectory = Files.createSymbolicLink(dir.resolve("linked"), real);
        var linkedFile = Files.createSymbolicLink(dir.resolve("hami-runtime"), linkedDirectory.resolve("hami"));
        // A runtime setting that names the launcher by its real path: the launcher must see itself there.
        var env = Map.of("PATH", pathOf("bash", "readlink", "stat", "grep"), "HAMI_RUNTIME_CONFIG", config("runtime = " + launcher + "\n").toString(),
                "HAMI_NO_BUILD", "1");
        for (var start : List.of(launcher, linkedDirectory.resolve("hami"), linkedFile, dir.resolve("linked/../linked/hami"))) {
            var run = OciBundles.run(List.of(start.toString(), "runtime", "state", "c1"), env);
            assertThat(run.output()).as(start.toString()).isEqualTo("hami: runtime " + launcher + " is this shim itself; configure the real runtime\n");
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void jvmFlagsPrintsTheFlagsACommandStartsWithWithoutAJdkOrABuild() throws Exception {
        var env = Map.of("PATH", pathOf("bash"), "JAVA_HOME", dir.resolve("no-jdk").toString());
        var scheduler = OciBundles.run(List.of(LAUNCHER.toString(), "jvm-flags", "scheduler"), env);
        assertThat(scheduler.exitCode()).as(scheduler.output()).isZero();
        assertThat(scheduler.output().lines().toList()).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED");
        // simulate gets the optimizing compiler: the same flags less C1-only
        var simulate = OciBundles.run(List.of(LAUNCHER.toString(), "jvm-flags", "simulate"), env);
        assertThat(simulate.exitCode()).as(simulate.output()).isZero();
        assertThat(simulate.output().lines().toList()).doesNotContain("-XX:TieredStopAtLevel=1")
                .containsAll(scheduler.output().lines().filter(f -> !f.equals("-XX:TieredStopAtLevel=1")).toList());
        var none = OciBundles.run(List.of(LAUNCHER.toString(), "jvm-flags"), env);
        assertThat(none.output()).isEqualTo("hami: usage: hami jvm-flags COMMAND (the command whose JVM flags to print)\n");
        assertThat(none.exitCode()).isEqualTo(1);
    }
}
