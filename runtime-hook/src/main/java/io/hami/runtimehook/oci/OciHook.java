package io.hami.runtimehook.oci;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a {@code hooks} list: the absolute {@code path} of an executable, its {@code args} (including
 * {@code argv[0]}), its whole environment {@code env}, and a {@code timeout} in seconds.
 */
public final class OciHook extends OciObject {

    /** A view of an existing entry. */
    public OciHook(JsonObject node) {
        super(node);
    }

    /** A new entry, members in the spec's order. */
    public OciHook(String path, List<String> args, List<String> env, Integer timeout) {
        putString("path", Objects.requireNonNull(path, "path"));
        addStrings("args", args);
        addStrings("env", env);
        if (timeout != null) {
            node().put("timeout", timeout);
        }
    }

    public String path() {
        return string("path");
    }

    public List<String> args() {
        return strings("args");
    }

    public List<String> env() {
        return strings("env");
    }

    public Long timeout() {
        return number("timeout");
    }

    /** Whether this hook runs the same program with the same arguments as {@code other}. */
    public boolean sameCommand(OciHook other) {
        return Objects.equals(path(), other.path()) && args().equals(other.args());
    }
}
