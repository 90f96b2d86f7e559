package io.hami.runtimehook.oci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code process} object: {@code args}, {@code env} ({@code NAME=value} strings) and {@code cwd} are named;
 * user, capabilities, rlimits and the rest are kept as read.
 */
public final class OciProcess extends OciObject {

    public OciProcess(JsonObject node) {
        super(node);
    }

    public List<String> args() {
        return strings("args");
    }

    public List<String> env() {
        return strings("env");
    }

    public String cwd() {
        return string("cwd");
    }

    /**
     * The environment as a map, read as the container's processes will read it: of duplicate names the first wins,
     * as glibc's {@code getenv} (and so libvgpu) finds it, so the shim never plans from a value HAMi-core does not
     * see; an entry without {@code =} is a name with an empty value.
     */
    public Map<String, String> envMap() {
        var map = new LinkedHashMap<String, String>();
        for (var entry : env()) {
            int eq = entry.indexOf('=');
            map.putIfAbsent(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }

    /** Sets {@code name=value}, removing every entry of that name first (an image's own value among them). */
    public void putEnv(String name, String value) {
        var env = array("env", true);
        for (int i = env.size() - 1; i >= 0; i--) {
            var entry = (String) env.get(i);
            if (entry.equals(name) || entry.startsWith(name + "=")) {
                env.remove(i);
            }
        }
        env.add(name + "=" + value);
    }

    /** Appends {@code name=value}; the caller has checked that the name is not set yet. */
    public void addEnv(String name, String value) {
        array("env", true).add(name + "=" + value);
    }
}
