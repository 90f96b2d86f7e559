package io.hami.runtimehook.inject;

import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Makes the host directories a HAMi-core container mounts: its own {@code <vgpu>/containers/<podUID>_<name>} and
 * the shared lock directory. They must exist before the runtime starts the container, because runc makes the bind
 * mounts before it runs any {@code createRuntime} hook. Both follow the contract's one policy
 * ({@link ContainerDirectories}, docs/protocol.md "Container directories"): 0777, a link never followed, an existing
 * directory kept (a restarted container reuses its region).
 */
public final class HostDirectories {

    private HostDirectories() {
    }

    /**
     * Makes the container's directory (and {@code containers/}) if missing.
     *
     * @return whether it was created now
     * @throws HookException when HAMi-core's directory is missing or a path component is not a directory
     */
    public static boolean ensureContainerDir(RuntimeHookConfig config, ContainerIdentity id) throws HookException {
        var vgpu = Path.of(config.settings().vgpuDir());
        if (!Files.isDirectory(vgpu, LinkOption.NOFOLLOW_LINKS)) {
            throw new HookException("HAMi-core is not installed: " + vgpu + " is not a directory");
        }
        try {
            return ContainerDirectories.ensure(vgpu, id);
        } catch (IOException e) {
            throw new HookException(ContainerDirectories.of(vgpu, id) + ": " + e.getMessage(), e);
        }
    }

    /** Makes the lock directory if missing; an existing one must be a directory owned by root. */
    public static void ensureLockDir(RuntimeHookConfig config) throws HookException {
        var dir = config.vgpuLockDir();
        try {
            if (!ContainerDirectories.ensureShared(dir)) {
                int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (owner != 0) {
                    throw new HookException(dir + ": owned by uid " + owner + ", not by root; refusing to mount it into containers");
                }
            }
        } catch (IOException e) {
            throw new HookException(dir + ": " + e.getMessage(), e);
        }
    }
}
