package io.hami.runtimehook.device;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host device nodes kept in a map instead of made with {@code mknod}, so that tests of what the hook does with nodes
 * run without root. Each node is a character device of mode 0666 owned by root, as {@code mknod -m 666} makes it.
 */
public final class FakeDeviceNodes implements DeviceNodeLookup {
    private record Numbers(long major, long minor) {
    }

    private final Map<Path, Numbers> nodes = new ConcurrentHashMap<>();

    /** Makes (or replaces) the node at host path {@code host}. */
    public FakeDeviceNodes add(Path host, long major, long minor) {
        nodes.put(host, new Numbers(major, minor));
        return this;
    }

    /** Removes the node at {@code host}, as deleting its file would. */
    public FakeDeviceNodes remove(Path host) {
        if (nodes.remove(host) == null) {
            throw new IllegalArgumentException("no fake device node " + host);
        }
        return this;
    }

    @Override
    public Optional<DeviceNode> read(Path host, String path) {
        return Optional.ofNullable(nodes.get(host)).map(n -> new DeviceNode(path, n.major(), n.minor(), 0666, 0, 0));
    }
}
