package io.hami.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.testfixtures.oci.OciBundles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hami} launcher's runtime path, which needs no build: {@code hami runtime} with a real runtime that is not
 * there says which one it looked for and where to set it, and exits 127 as a shell does for a missing command.
 */
class LauncherTest {
    static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent().resolve("hami");

    @TempDir
    Path dir;

    /** A PATH holding only what the launcher's runtime path runs: bash (for its first line), readlink, stat, grep. */
    private String pathWithoutRunc() throws IOException {
        var bin = Files.createDirectories(dir.resolve("bin"));
        for (var tool : List.of("bash", "readlink", "stat", "grep")) {
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
}
