package io.hami.runtimehook.inject;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes the host directories a HAMi-core container mounts: its own {@code <vgpu>/containers/<podUID>_<name>} and
 * the shared lock directory. They must exist before the runtime starts the container, because runc makes the bind
 * mounts before it runs any {@code createRuntime} hook. Both are mode 0777 as HAMi makes them (the container's
 * processes, of any uid, create the region file there). A link where a directory should be is refused, never
 * followed, and an existing directory is kept (a restarted container reuses its region).
 */
public final class HostDirectories {

    private HostDirectories() {
    }

    /**
     * Makes {@code dir} (under {@code <vgpu>/containers}) if it is missing.
     *
     * @return whether it was created now
     * @throws HookException when HAMi-core's directory is missing or a path component is not a directory
     */
    public static boolean ensureContainerDir(RuntimeHookConfig config, Path dir) throws HookException {
        var vgpu = Path.of(config.settings().vgpuDir());
        var containers = dir.getParent();
        if (!containers.getParent().equals(vgpu) || !containers.getFileName().toString().equals("containers")) {
            throw new IllegalArgumentException("not a per-container directory: " + dir);
        }
        if (!Files.isDirectory(vgpu)) {
            throw new HookException("HAMi-core is not installed: " + vgpu + " is not a directory");
        }
        makeDirectory(containers, "rwxr-xr-x");
        return makeDirectory(dir, "rwxrwxrwx");
    }

    /** Makes the lock directory if missing; an existing one must be a directory owned by root. */
    public static void ensureLockDir(RuntimeHookConfig config) throws HookException {
        var dir = config.vgpuLockDir();
        if (!makeDirectory(dir, "rwxrwxrwx")) {
            try {
                int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (owner != 0) {
                    throw new HookException(dir + ": owned by uid " + owner + ", not by root; refusing to mount it into containers");
                }
            } catch (IOException e) {
                throw new HookException(dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean makeDirectory(Path dir, String mode) throws HookException {
        var perms = PosixFilePermissions.fromString(mode);
        try {
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, perms);
            return true;
        } catch (FileAlreadyExistsException e) {
            try {
                var attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!attrs.isDirectory()) {
                    throw new HookException(dir + ": exists and is not a directory" + (attrs.isSymbolicLink() ? " (a symbolic link)" : ""));
                }
                return false;
            } catch (IOException io) {
                throw new HookException(dir + ": " + io.getMessage(), io);
            }
        } catch (IOException e) {
            throw new HookException(dir + ": cannot create: " + e.getMessage(), e);
        }
    }
}
