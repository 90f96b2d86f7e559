package io.hami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code hami monitor --config} and {@code hami device-plugin --device-config-file} pointed at a FIFO or at
 * {@code /dev/zero}, each in a JVM of its own with a small heap: one line and exit code 2, neither blocking on
 * the FIFO nor filling the heap. A process of its own, so that a regression hangs or dies there, not in the
 * test JVM; the waits are guards against a hang, not speed checks.
 */
class HostileConfigFileProcessTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "monitor,       --config,             fifo,      a FIFO (named pipe)",
        "monitor,       --config,             /dev/zero, a character device",
        "device-plugin, --device-config-file, fifo,      a FIFO (named pipe)",
        "device-plugin, --device-config-file, /dev/zero, a character device",
    })
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConfigFileThatIsNotARegularFileIsOneLineAndExitTwo(String command, String flag, String kind, String what)
            throws Exception {
        Path file = kind.equals("fifo") ? fifo() : Path.of(kind);
        var args = new ArrayList<>(List.of(command, "--node-name", "n1", flag, file.toString()));
        if (command.equals("device-plugin")) {
            args.addAll(List.of("--health-address", "none"));
        }
        var run = hami(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as(run.err())
                .isEqualTo(List.of("hami " + command + ": " + flag + " " + file + ": " + what + ", not a regular file"));
    }

    private Path fifo() throws Exception {
        Path fifo = dir.resolve("config");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        return fifo;
    }

    private CliRun hami(List<String> args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), "io.hami.cli.HamiCommand"));
        command.addAll(args);
        var out = dir.resolve("out");
        var err = dir.resolve("err");
        var pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("NODE_NAME");
        pb.environment().remove("DEVICE_CONFIG_FILE");
        pb.environment().remove("KUBECONFIG");
        var process = pb.start();
        process.getOutputStream().close();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("hami " + String.join(" ", args) + " did not exit: " + Files.readString(err));
        }
        return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
