package io.hami.demo.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one simulated node keeps its host state, all under one directory (see the package documentation for
 * the tree). Short names on purpose: the plugin's and kubelet's Unix sockets live under {@link #pluginDir()},
 * and a socket path holds at most 107 bytes.
 *
 * @param root the node's directory
 */
public record NodeLayout(Path root) {

    public NodeLayout {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /** kubelet's device-plugin directory: {@code kubelet.sock} and the plugin's socket. */
    public Path pluginDir() {
        return root.resolve("dp");
    }

    /** The device plugin's {@code --hook-path}: HAMi-core lives in {@code vgpu/} below it. */
    public Path hookPath() {
        return root.resolve("hook");
    }

    /** HAMi-core's directory on the host, the monitor's {@code --hook-path}: {@code containers/} is below it. */
    public Path vgpuDir() {
        return hookPath().resolve("vgpu");
    }

    /** The per-container directories {@code <podUID>_<container>/} holding the regions. */
    public Path containersDir() {
        return vgpuDir().resolve("containers");
    }

    /** HAMi-core's lock directory on the host (the plugin's {@code --vgpu-lock-dir}). */
    public Path lockDir() {
        return root.resolve("vgpulock");
    }

    /** One {@code <podUID>_<container>.json} per started container. */
    public Path startedDir() {
        return root.resolve("started");
    }

    /** The started record of one container. */
    public Path startedFile(String podUid, String container) {
        return startedDir().resolve(podUid + "_" + container + ".json");
    }

    /** What the node's device plugin serves ({@link ServedDevices}). */
    public Path devicesFile() {
        return root.resolve("devices.json");
    }

    /** The MIG devices that exist now on a node in dynamic MIG mode ({@link MigInstances}). */
    public Path migDevicesFile() {
        return root.resolve("mig-devices.json");
    }

    /** The node's stand-in for {@code /proc}: the driver's MIG capability files (the plugin's {@code --proc-root}). */
    public Path procRoot() {
        return root.resolve("proc");
    }

    /** The file that exists while dynamic MIG changes instances (the plugin's and the monitor's {@code --mig-apply-lock}). */
    public Path migApplyLock() {
        return root.resolve("mig-apply.lock");
    }

    /** Creates the directories the node writes into; the daemons create their own below them. */
    public NodeLayout create() throws IOException {
        for (var dir : new Path[] {pluginDir(), containersDir(), lockDir(), startedDir()}) {
            Files.createDirectories(dir);
        }
        return this;
    }
}
