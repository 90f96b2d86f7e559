package io.hami.demo.containerd;

import io.hami.demo.process.HamiLauncher;
import io.hami.runtimehook.install.ContainerdRestart;
import io.hami.runtimehook.install.InstallException;
import io.hami.runtimehook.install.RuntimeInstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A simulated node's containerd, set up as a node's would be: a {@link PrivateContainerd} of its own, our runtime
 * installed into its config by the runtime installer (restarted by its script), and the containers' image imported:
 * the busybox image of {@code scripts/build-image.sh --busybox}, with the static region writer, built once per run.
 * {@code hami node --containers containerd} then runs its pods through it ({@link #nodeArgs}).
 */
public final class DemoContainerd {
    /** The name the image is imported under; its tag is busybox's version. */
    public static final String IMAGE_BASE = "localhost/hami-java/busybox";
    /** The runtime handler our installer adds. */
    public static final String HANDLER = "hami";
    private static final Pattern ARCHIVE = Pattern.compile("(?m)^archive (\\S+) ");
    private static final Pattern VERSION = Pattern.compile("(?m)^image busybox:(\\S+) ");

    /**
     * The containers' image: an OCI archive and the reference it has once imported.
     *
     * @param archive   the OCI archive
     * @param reference {@link #IMAGE_BASE}{@code :<busybox's version>}
     */
    public record Image(Path archive, String reference) {
    }

    private DemoContainerd() {
    }

    /** Builds the image with the checkout's {@code scripts/build-image.sh --busybox}, the static region writer added. */
    public static Image buildImage(Path checkout, Path staticRegionWriter, Path out) throws IOException {
        var script = checkout.resolve("scripts/build-image.sh");
        if (!Files.isExecutable(script)) {
            throw new IOException("no scripts/build-image.sh in " + checkout);
        }
        var output = run(List.of(script.toString(), "--busybox", "--add", staticRegionWriter.toString(), "--out", out.toString()));
        var archive = ARCHIVE.matcher(output);
        var version = VERSION.matcher(output);
        if (!archive.find() || !version.find()) {
            throw new IOException("scripts/build-image.sh --busybox named no archive: " + output.strip());
        }
        return new Image(Path.of(archive.group(1)), IMAGE_BASE + ":" + version.group(1));
    }

    /**
     * Starts the containerd of the node in {@code nodeDir} (under {@code nodeDir/containerd}), installs our runtime into
     * it (the tree: launchers of this build under {@code nodeDir/tree}, installed at {@code nodeDir/usr/hami-java}) and
     * imports {@code image}. containerd runs with the node's shim configuration and NVML profile in its environment.
     */
    public static PrivateContainerd start(Path nodeDir, Path nvmlProfile, HamiLauncher launcher, Image image, String version)
            throws IOException {
        var containerd = PrivateContainerd.create(nodeDir.resolve("containerd"), image.reference(), Map.of(
                "HAMI_RUNTIME_CONFIG", nodeDir.resolve("runtime.conf").toString(), "NVML_MOCK_PROFILE", nvmlProfile.toString(),
                "HAMI_NO_BUILD", "1"));
        try {
            containerd.start();
            var tree = nodeDir.resolve("tree");
            launcher(tree.resolve("bin/hami"), launcher, "");
            launcher(tree.resolve("bin/hami-runtime"), launcher, "runtime ");
            Files.createDirectories(nodeDir.resolve("usr"));
            var settings = new RuntimeInstaller.Settings(Path.of("/"), nodeDir.resolve("usr/hami-java").toAbsolutePath(),
                    containerd.config(), HANDLER, "runc", Optional.empty(),
                    new ContainerdRestart.Command(List.of(containerd.restartCommand().toString())));
            new RuntimeInstaller(settings).install(tree, version, null);
            containerd.awaitCri();
            containerd.importImages(image.archive(), IMAGE_BASE);
            return containerd;
        } catch (IOException | InstallException | RuntimeException e) {
            containerd.close();
            throw new IOException("containerd of " + nodeDir + ": " + e.getMessage(), e);
        }
    }

    /** The arguments that make {@code hami node} run its pods through {@code containerd}. */
    public static List<String> nodeArgs(PrivateContainerd containerd, Path nodeDir, Image image) {
        return List.of("--containers", "containerd", "--containerd-socket", containerd.socket().toString(), "--container-image",
                image.reference(), "--runtime-handler", HANDLER, "--runtime-shim",
                nodeDir.resolve("usr/hami-java/bin/hami-runtime").toAbsolutePath().toString());
    }

    /**
     * A launcher running this build's {@code hami PREFIX"$@"} in a JVM of its own, as the install tree's {@code bin/}
     * holds it. Not through the demo's child main: containerd's shim gives the runtime no standard input to watch.
     */
    private static void launcher(Path file, HamiLauncher launcher, String prefix) throws IOException {
        var argv = new ArrayList<String>();
        argv.add(launcher.java().toString());
        argv.addAll(launcher.jvmFlags());
        argv.addAll(List.of("-cp", launcher.classPath(), launcher.mainClass()));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexec " + argv.stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" ")) + " " + prefix + "\"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String run(List<String> command) throws IOException {
        var out = Files.createTempFile("hami-build-image", ".out");
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 120 s");
            }
            var text = Files.readString(out);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
