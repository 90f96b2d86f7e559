package io.hami.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code hami node} in a JVM of its own, for the process tests: this build's class path, the mock API server's
 * kubeconfig and two mock V100s, written into the test's directory, where the node's standard error goes too
 * ({@code node.err}). Its standard input stays a pipe the test holds open.
 */
final class NodeJvm {

    private NodeJvm() {
    }

    /** Starts {@code hami node --node-name NAME --dir DIR OPTIONS...}. */
    static Process start(Path tmp, String masterUrl, String nodeName, Path dir, List<String> options) throws IOException {
        return start(tmp, masterUrl, nodeName, dir, options, java.util.Map.of());
    }

    /** Starts {@code hami node --node-name NAME --dir DIR OPTIONS...} with these variables more (a vendor mock's profile). */
    static Process start(Path tmp, String masterUrl, String nodeName, Path dir, List<String> options,
                         java.util.Map<String, String> env) throws IOException {
        var kubeconfig = Kubeconfigs.write(tmp, masterUrl, "secret");
        var profile = Files.writeString(tmp.resolve("profile.json"), NvmlProfile.load(NvmlProfile.TWO_V100_TWO_NUMA_NODES).text());
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.hami.cli.HamiCommand", "node",
                "--node-name", nodeName, "--kubeconfig", kubeconfig.toString(), "--dir", dir.toString()));
        command.addAll(options);
        var pb = new ProcessBuilder(command).redirectError(tmp.resolve("node.err").toFile());
        pb.environment().put("NVML_MOCK_PROFILE", profile.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The first line of the node's standard output, within {@code timeout}; fails with its stderr when it has none. */
    static String readyLine(Process process, Path tmp, Duration timeout) throws Exception {
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as(err(tmp)).isNotNull();
        return line;
    }

    /** A script running this build's {@code hami PREFIX"$@"} in a JVM of its own (a launcher for runc or containerd to run). */
    static Path wrapper(Path file, String prefix) throws IOException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.writeString(file, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' io.hami.cli.Main " + prefix + "\"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** What the node wrote to its standard error so far. */
    static String err(Path tmp) throws IOException {
        return Files.readString(tmp.resolve("node.err"));
    }
}
