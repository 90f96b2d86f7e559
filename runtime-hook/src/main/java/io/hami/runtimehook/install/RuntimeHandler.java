package io.hami.runtimehook.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hami.model.annotation.KubernetesNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The containerd runtime handler the installer adds: containerd's runc shim ({@code io.containerd.runc.v2}) with
 * {@code options.BinaryName} set to our {@code hami-runtime}, and every other setting copied from a template runtime
 * (normally {@code runc}), so that the cgroup driver ({@code SystemdCgroup}) and the like match what kubelet expects.
 *
 * @param name     the handler name (a RuntimeClass's {@code handler}): a DNS label
 * @param binary   the host path of {@code hami-runtime}
 * @param settings the handler's keys other than {@code runtime_type} and {@code options}
 * @param options  its {@code options} other than {@code BinaryName}
 * @param notes    what the reader should know about the copy (one sentence each)
 */
public record RuntimeHandler(String name, Path binary, ObjectNode settings, ObjectNode options, List<String> notes) {

    /** containerd's runc shim v2: the only runtime type whose {@code BinaryName} option names an OCI runtime. */
    public static final String RUNC_V2 = "io.containerd.runc.v2";
    /** Keys that say which shim or binary runs the template's containers: never ours to copy. */
    private static final Set<String> NOT_COPIED = Set.of("runtime_type", "runtime_path", "runtime_engine", "runtime_root",
            "options");

    public RuntimeHandler {
        checkName(name);
        if (!binary.isAbsolute()) {
            throw new IllegalArgumentException("binary: not an absolute path: " + binary);
        }
        notes = List.copyOf(notes);
    }

    /** Refuses a handler name that is not a DNS label (what RuntimeClass's {@code handler} must be). */
    public static void checkName(String name) {
        if (!KubernetesNames.isDnsLabel(name)) {
            throw new IllegalArgumentException("runtime name: not a DNS label (lower-case letters, digits and '-', "
                    + "at most 63): " + name);
        }
    }

    /**
     * The handler {@code name} running {@code binary}, with the settings of runtime {@code template} in
     * {@code runtimes} (the config's table of runtimes, or null when the config has none).
     */
    static RuntimeHandler fromTemplate(String name, Path binary, JsonNode runtimes, String template) {
        var settings = TomlText.table();
        var options = TomlText.table();
        var notes = new ArrayList<String>();
        JsonNode t = runtimes == null ? null : runtimes.get(template);
        if (t == null || !t.isObject()) {
            notes.add("the config declares no runtime \"" + template + "\", so the handler takes containerd's defaults "
                    + "for runc's options (SystemdCgroup = false): if kubelet uses the systemd cgroup driver, declare "
                    + "the runc runtime with SystemdCgroup = true and install again");
            return new RuntimeHandler(name, binary, settings, options, notes);
        }
        var type = t.path("runtime_type").asText(RUNC_V2);
        if (!type.equals(RUNC_V2)) {
            notes.add("runtime \"" + template + "\" has runtime_type " + type + ", not " + RUNC_V2
                    + ", so nothing was copied from it");
            return new RuntimeHandler(name, binary, settings, options, notes);
        }
        for (Map.Entry<String, JsonNode> e : t.properties()) {
            if (!NOT_COPIED.contains(e.getKey())) {
                settings.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> e : t.path("options").properties()) {
            if (e.getKey().equals("BinaryName")) {
                if (e.getValue().asText().isEmpty()) {
                    continue; // containerd's default: runc from PATH, which is what hami-runtime runs too
                }
                notes.add("runtime \"" + template + "\" runs " + e.getValue().asText() + " as its OCI runtime; "
                        + "hami-runtime runs the runtime named in /etc/hami/runtime.conf (default: runc from PATH), so "
                        + "set runtime = " + e.getValue().asText() + " there if containers must keep running it");
            } else {
                options.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        notes.add("settings copied from runtime \"" + template + "\": " + (settings.isEmpty() && options.isEmpty()
                ? "none (it has none)" : String.join(", ", keys(settings, options))));
        return new RuntimeHandler(name, binary, settings, options, notes);
    }

    private static List<String> keys(ObjectNode settings, ObjectNode options) {
        var out = new ArrayList<String>();
        settings.fieldNames().forEachRemaining(out::add);
        options.fieldNames().forEachRemaining(k -> out.add("options." + k));
        return out;
    }

    /** The handler's two tables as TOML text, each key on a line of its own, ending with a newline. */
    String toml(ContainerdSchema schema) throws InstallException {
        var sb = new StringBuilder();
        sb.append(schema.header(name, "")).append('\n');
        sb.append("  runtime_type = ").append(TomlText.string(RUNC_V2)).append('\n');
        for (Map.Entry<String, JsonNode> e : settings.properties()) {
            sb.append("  ").append(TomlText.key(e.getKey())).append(" = ").append(TomlText.value(e.getValue())).append('\n');
        }
        sb.append('\n').append(schema.header(name, "options")).append('\n');
        sb.append("  BinaryName = ").append(TomlText.string(binary.toString())).append('\n');
        for (Map.Entry<String, JsonNode> e : options.properties()) {
            sb.append("  ").append(TomlText.key(e.getKey())).append(" = ").append(TomlText.value(e.getValue())).append('\n');
        }
        return sb.toString();
    }
}
