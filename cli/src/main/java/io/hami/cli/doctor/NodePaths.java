package io.hami.cli.doctor;

import io.hami.model.protocol.HamiCoreSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the node's files are, as host paths, and where the host's {@code /} is reached from here (the device
 * plugin's pod mounts host directories; a container of {@code hami doctor} may mount {@code /} at {@code /host}).
 *
 * @param hostRoot         where the host's {@code /} is
 * @param pluginDir        kubelet's device-plugin directory
 * @param hookPath         the directory holding HAMi-core's {@code vgpu/} (the device plugin's {@code --hook-path})
 * @param lockDir          HAMi-core's lock directory
 * @param containerdConfig containerd's config file
 * @param prefix           where {@code hami install runtime} puts the runtime
 * @param runtimeName      the runtime handler's name
 */
record NodePaths(Path hostRoot, Path pluginDir, String hookPath, String lockDir, Path containerdConfig, Path prefix,
                 String runtimeName) {

    /** {@code hostPath} as reached from here. */
    Path onHost(Path hostPath) {
        return hostRoot.resolve(Path.of("/").relativize(hostPath.toAbsolutePath()).toString());
    }

    /** HAMi-core's settings for these paths: the library in {@code <hookPath>/vgpu}, as the device plugin installs it. */
    HamiCoreSettings hamiCore() {
        var layout = new HamiCoreSettings(hookPath, "/", false, Optional.empty(), false);
        return new HamiCoreSettings(hookPath, layout.vgpuDir() + "/libvgpu.so", false, Optional.empty(), false, lockDir);
    }
}
