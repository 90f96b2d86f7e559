package io.hami.runtimehook.oci;

import io.hami.runtimehook.HookException;
import java.util.Optional;

/**
 * The container state a runtime writes to a hook's stdin: {@code ociVersion}, {@code id}, {@code status}, {@code pid},
 * {@code bundle}, {@code annotations}. Runtimes differ (in {@code createRuntime} runc says {@code creating} where crun
 * says {@code created} and adds {@code root}; {@code pid} is 1, 0 or absent depending on the hook), so a hook relies on
 * {@code id} and {@code bundle} only, and everything else is kept as read.
 */
public final class ContainerState extends OciObject {

    private ContainerState(JsonObject node) {
        super(node);
    }

    /**
     * Reads a state document.
     *
     * @throws HookException when it is not a JSON object or a named member has the wrong type
     */
    public static ContainerState read(byte[] json) throws HookException {
        var root = OciJson.readObject(json, "container state");
        OciShape.checkState(root, "container state");
        return new ContainerState(root);
    }

    public Optional<String> id() {
        return Optional.ofNullable(string("id"));
    }

    public Optional<String> bundle() {
        return Optional.ofNullable(string("bundle"));
    }

    public Optional<String> status() {
        return Optional.ofNullable(string("status"));
    }
}
