package io.hami.cli.doctor;

import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.protocol.Mount;
import io.hami.runtimehook.install.ContainerdRestart;
import io.hami.runtimehook.install.ContainerdRuntimes;
import io.hami.runtimehook.install.InstallException;
import io.hami.runtimehook.install.RuntimeInstaller;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's files: kubelet's device-plugin sockets, the runtime handler in containerd's config, and HAMi-core's files
 * (the library, the preload file, the lock and container directories). Every path is a host path, reached under
 * {@link NodePaths#hostRoot()}.
 */
final class HostChecks {

    /** containerd's config is a few KiB; one from a ConfigMap is at most 1 MiB. */
    private static final int MAX_CONFIG_BYTES = 1 << 20;

    private final NodePaths paths;

    HostChecks(NodePaths paths) {
        this.paths = paths;
    }

    /** kubelet's registration socket, and every plugin socket beside it: each must have a listener. */
    void kubelet(Section s) {
        var dir = paths.onHost(paths.pluginDir());
        if (!Files.isDirectory(dir)) {
            s.error("no-plugin-dir", paths.pluginDir() + " does not exist", "is kubelet running on this node? "
                    + "If kubelet keeps its state elsewhere (--root-dir), pass --device-plugin-dir");
            return;
        }
        var kubelet = dir.resolve(DevicePluginConfig.KUBELET_SOCKET);
        var host = paths.pluginDir().resolve(DevicePluginConfig.KUBELET_SOCKET);
        listening(kubelet).ifPresentOrElse(why -> s.error("kubelet-socket", host + ": " + why,
                "start kubelet (systemctl status kubelet); device plugins register on this socket"),
                () -> s.fact(host + ": kubelet listens"));
        var plugins = new ArrayList<Path>();
        try (var list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().endsWith(".sock"))
                    .filter(p -> !p.getFileName().toString().equals(DevicePluginConfig.KUBELET_SOCKET))
                    .sorted().forEach(plugins::add);
        } catch (IOException e) {
            s.error("unreadable", paths.pluginDir() + ": " + e.getMessage(), "run hami doctor as root");
            return;
        }
        if (plugins.isEmpty()) {
            s.error("no-plugin", "no device plugin's socket in " + paths.pluginDir() + ": no device plugin runs on "
                    + "this node", "check the device plugin's pod on this node (kubectl -n hami-system get pods -o "
                    + "wide); its DaemonSet selects nodes labelled gpu=on (other vendors: hami-java/<vendor>=on)");
        }
        for (var p : plugins) {
            var name = paths.pluginDir().resolve(p.getFileName().toString());
            listening(p).ifPresentOrElse(why -> s.error("stale-plugin-socket", name + ": " + why + " (a plugin "
                    + "that stopped without removing its socket)", "restart the device plugin's pod on this node; "
                    + "kubelet drops a plugin whose socket is gone"), () -> s.fact(name + ": a device plugin listens"));
        }
    }

    /** Empty when something accepts a connection on the socket, else why not. */
    private static Optional<String> listening(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("does not exist");
        }
        try (var ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("nobody listens (" + e.getMessage() + ")");
        }
    }

    /** The runtime handler {@code hami install runtime} adds, and the binary it runs. */
    void runtime(Section s) {
        var config = paths.containerdConfig();
        String text;
        try {
            var file = paths.onHost(config);
            if (!Files.exists(file)) {
                s.warning("no-containerd-config", config + " does not exist", "pods with the RuntimeClass hami need "
                        + "containerd's runtime handler: is containerd this node's runtime? (k3s and RKE2 keep theirs "
                        + "elsewhere and are not supported yet); pass --containerd-config where it lives");
                return;
            }
            text = UntrustedFiles.readText(file, MAX_CONFIG_BYTES, UntrustedFiles.Links.FOLLOW);
        } catch (UntrustedInputException e) {
            s.error("unreadable-config", "containerd config " + e.getMessage(), "run hami doctor as root");
            return;
        }
        try {
            var declared = ContainerdRuntimes.find(text, config, paths.runtimeName());
            if (declared.isEmpty()) {
                s.warning("no-handler", config + " has no runtime handler \"" + paths.runtimeName() + "\": pods with "
                        + "that RuntimeClass fail with \"no runtime for \\\"" + paths.runtimeName() + "\\\" is configured\"",
                        "run hami install runtime on the node (the chart's runtime installer does, with "
                                + "runtimeInstaller.enabled), then restart containerd; pods without the RuntimeClass "
                                + "do not need it");
                return;
            }
            var d = declared.get();
            s.fact(config + " (" + d.schema() + "): runtime \"" + paths.runtimeName() + "\" "
                    + (d.ours() ? "added by hami install runtime" : "declared by someone else")
                    + d.binaryName().map(b -> ", BinaryName " + b).orElse(""));
            if (!d.ours()) {
                s.warning("foreign-handler", "runtime \"" + paths.runtimeName() + "\" in " + config + " was not added "
                        + "by hami install runtime", "if it should run hami's shim, delete its tables and run hami "
                        + "install runtime; else give hami's handler another --runtime-name");
            }
            d.binaryName().ifPresent(b -> binary(s, b));
        } catch (InstallException e) {
            s.error("invalid-config", e.getMessage(), "fix containerd's config; containerd itself may not start "
                    + "with it");
            return;
        }
        record(s);
    }

    private void binary(Section s, String binaryName) {
        var onHost = paths.onHost(Path.of(binaryName));
        if (!Files.isExecutable(onHost)) {
            s.error("no-binary", "the handler's BinaryName " + binaryName + " is missing or not executable: containers "
                    + "with the RuntimeClass fail to start", "run hami install runtime again (it installs the runtime "
                    + "tree and the handler together)");
        }
    }

    private void record(Section s) {
        try {
            var settings = new RuntimeInstaller.Settings(paths.hostRoot(), paths.prefix(), paths.containerdConfig(),
                    paths.runtimeName(), "runc", Optional.empty(), new ContainerdRestart.None());
            new RuntimeInstaller(settings).manifest().ifPresentOrElse(m -> s.fact("installed by hami " + m.version()
                    + ", runtime tree " + m.tree() + " at " + m.prefix()), () -> s.fact("no install record under "
                    + settings.state()));
        } catch (InstallException | IllegalArgumentException e) {
            s.warning("unreadable-record", e.getMessage(), "hami uninstall runtime needs that record; reinstall with "
                    + "hami install runtime");
        }
    }

    /** HAMi-core's files as containers mount them: the library, the preload file, and the lock directory. */
    void hamiCore(Section s) {
        HamiCoreSettings settings = paths.hamiCore();
        var mounts = HamiCoreView.nodeMounts(settings, false);
        var library = mounts.stream().filter(m -> !m.directory() && !m.containerPath().equals(HamiCoreView.LD_SO_PRELOAD))
                .findFirst().orElseThrow().containerPath();
        for (Mount m : mounts) {
            var onHost = paths.onHost(Path.of(m.hostPath()));
            if (m.directory()) {
                directory(s, m.hostPath(), onHost);
            } else if (!Files.isRegularFile(onHost)) {
                s.error("missing", m.hostPath() + " does not exist (mounted at " + m.containerPath() + " in every "
                        + "container)", "the device plugin installs HAMi-core at its start: check its pod on this node "
                        + "(devicePlugin.libvgpuSource names where it copies from), or pass --hook-path");
            } else {
                s.fact(m.hostPath() + ": present");
                if (m.containerPath().equals(HamiCoreView.LD_SO_PRELOAD)) {
                    preload(s, m.hostPath(), onHost, library);
                }
            }
        }
        var containers = ContainerDirectories.root(Path.of(settings.vgpuDir()));
        directory(s, containers.toString(), paths.onHost(containers));
    }

    private static void directory(Section s, String hostPath, Path onHost) {
        if (!Files.isDirectory(onHost, LinkOption.NOFOLLOW_LINKS)) {
            s.error("missing", hostPath + " is not a directory", "the device plugin makes it at its start (0777): "
                    + "restart its pod on this node");
            return;
        }
        try {
            var mode = Files.getPosixFilePermissions(onHost, LinkOption.NOFOLLOW_LINKS);
            if (!mode.equals(ContainerDirectories.WORLD_WRITABLE)) {
                s.warning("mode", hostPath + " is " + PosixFilePermissions.toString(mode) + ", not rwxrwxrwx: "
                        + "containers of other users cannot write there", "chmod 0777 " + hostPath
                        + " (the device plugin does at its start)");
            } else {
                s.fact(hostPath + ": directory, rwxrwxrwx");
            }
        } catch (IOException e) {
            s.error("unreadable", hostPath + ": " + e.getMessage(), "run hami doctor as root");
        }
    }

    /** The preload file names the library as containers see it; that library must be the one mounted. */
    private static void preload(Section s, String hostPath, Path onHost, String library) {
        try {
            var lines = UntrustedFiles.readText(onHost, 4096, UntrustedFiles.Links.FOLLOW).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (!lines.equals(List.of(library))) {
                s.error("preload", hostPath + " preloads " + lines + ", not " + library + ": HAMi-core would not be "
                        + "loaded into containers, and their limits would not hold", "restart the device plugin's pod "
                        + "on this node: it rewrites the file at start");
            }
        } catch (UntrustedInputException e) {
            s.error("unreadable", e.getMessage(), "run hami doctor as root");
        }
    }
}
