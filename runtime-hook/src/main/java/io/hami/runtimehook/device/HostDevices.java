package io.hami.runtimehook.device;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the host's device nodes under the configured device root, without following symbolic links: a node
 * that is a link, or not a character device, is an error rather than something to pass on.
 */
public final class HostDevices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private final RuntimeHookConfig config;

    public HostDevices(RuntimeHookConfig config) {
        this.config = config;
    }

    /**
     * The node behind container path {@code path} (e.g. {@code /dev/nvidia0}); empty when the host has none.
     *
     * @throws HookException when it exists but is not a character device
     */
    public Optional<DeviceNode> find(String path) throws HookException {
        var host = config.hostNode(path);
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

    /** The node behind {@code path}, which must exist. */
    public DeviceNode require(String path, String why) throws HookException {
        return find(path).orElseThrow(() -> new HookException(why + ": device node " + config.hostNode(path) + " does not exist"));
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
