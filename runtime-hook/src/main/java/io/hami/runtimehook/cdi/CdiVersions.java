package io.hami.runtimehook.cdi;

import java.util.List;
import java.util.stream.Stream;

/**
 * The lowest {@code cdiVersion} that covers the members a spec uses. CDI loaders reject a spec whose declared version
 * is below what its members need, so the generator declares exactly this. Rules (CDI's version history): 0.3.0 is the
 * base (env, deviceNodes, mounts, hooks); {@code hostPath} of a device node needs 0.5.0; annotations would need 0.6.0
 * (this project writes none).
 */
public final class CdiVersions {
    /** The base version: {@code env}, {@code deviceNodes}, {@code mounts} and {@code hooks}. */
    public static final String BASE = "0.3.0";
    /** The first version with {@code deviceNodes[].hostPath}. */
    public static final String HOST_PATH = "0.5.0";

    private CdiVersions() {
    }

    /** The version {@code devices} and {@code shared} need together. */
    public static String required(List<CdiSpec.Device> devices, CdiSpec.ContainerEdits shared) {
        var edits = Stream.concat(devices.stream().map(CdiSpec.Device::containerEdits), Stream.of(shared));
        boolean hostPath = edits.filter(e -> e.deviceNodes() != null)
                .flatMap(e -> e.deviceNodes().stream())
                .anyMatch(n -> n.hostPath() != null);
        return hostPath ? HOST_PATH : BASE;
    }
}
