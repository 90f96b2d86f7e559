package io.hami.runtimehook.inject;

import io.hami.model.protocol.HamiCoreView;
import io.hami.model.protocol.Mount;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import io.hami.runtimehook.identity.PodIdentity;
import io.hami.runtimehook.oci.OciMount;
import io.hami.runtimehook.oci.RuntimeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HAMi-core mounts a container lacks: {@link HamiCoreView#mounts}' list (the per-container directory,
 * {@code libvgpu.so}, {@code /tmp/vgpulock}, {@code /etc/ld.so.preload}) minus those whose destination the config
 * already mounts. Each host source must lie in the allowlist (the configured HAMi-core directory or lock directory)
 * and the installed files must exist, so the runtime never fails on a mount with a less clear message.
 */
final class MountPlan {

    private MountPlan() {
    }

    static List<OciMount> missing(RuntimeSpec spec, RuntimeHookConfig config, PodIdentity pod, boolean disableControl)
            throws HookException {
        var wanted = HamiCoreView.mounts(pod.container(), config.settings(), disableControl);
        var present = new ArrayList<String>();
        for (var m : spec.mounts()) {
            if (m.destination() != null) {
                present.add(normalize(m.destination()));
            }
        }
        var result = new ArrayList<OciMount>();
        for (Mount m : wanted) {
            if (present.contains(normalize(m.containerPath()))) {
                continue;
            }
            var source = m.hostPath();
            checkAllowed(config, source);
            if (!m.directory() && !Files.isRegularFile(Path.of(source))) {
                throw new HookException("HAMi-core is not installed: " + source + " is not a file");
            }
            result.add(new OciMount(m.containerPath(), "bind", source,
                    List.of(m.directory() ? "rbind" : "bind", "nosuid", "nodev", m.readOnly() ? "ro" : "rw")));
        }
        return result;
    }

    /** Only the HAMi-core directory and the lock directory of the configuration may ever be mounted. */
    static void checkAllowed(RuntimeHookConfig config, String source) throws HookException {
        var path = Path.of(source).normalize();
        var vgpu = Path.of(config.settings().vgpuDir()).normalize();
        if (!path.toString().equals(source) || !(path.startsWith(vgpu) || path.equals(config.vgpuLockDir()))) {
            throw new HookException("mount source " + source + " is outside the allowed host paths " + vgpu + " and " + config.vgpuLockDir());
        }
    }

    private static String normalize(String path) {
        var p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Path.of(p).normalize().toString();
    }
}
