package io.hami.runtimehook.device;

import io.hami.runtimehook.HookException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DeviceNodeLookup#fileSystem()}: reads a node's {@code lstat} attributes without following symbolic links, so
 * a node that is a link, or not a character device, is an error rather than something to pass on.
 */
final class FileSystemDeviceNodes implements DeviceNodeLookup {
    static final FileSystemDeviceNodes INSTANCE = new FileSystemDeviceNodes();

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private FileSystemDeviceNodes() {
    }

    @Override
    public Optional<DeviceNode> read(Path host, String path) throws HookException {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(host, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HookException("device node " + host + ": " + e.getMessage(), e);
        }
        int mode = (Integer) attrs.get("mode");
        if ((mode & S_IFMT) != S_IFCHR) {
            throw new HookException("device node " + host + ": not a character device");
        }
        long rdev = (Long) attrs.get("rdev");
        return Optional.of(new DeviceNode(path, major(rdev), minor(rdev), mode & 07777,
                ((Number) attrs.get("uid")).longValue(), ((Number) attrs.get("gid")).longValue()));
    }

    /** The major number of a Linux {@code dev_t} (glibc's encoding: 12 bits, and the bits above 32). */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL);
    }

    /** The minor number of a Linux {@code dev_t} (20 bits, split around the major). */
    static long minor(long dev) {
        return (dev & 0xffL) | ((dev >>> 12) & ~0xffL);
    }
}
