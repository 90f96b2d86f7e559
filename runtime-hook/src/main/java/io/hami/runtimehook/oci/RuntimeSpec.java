package io.hami.runtimehook.oci;

import io.hami.runtimehook.HookException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI runtime-spec {@code config.json} (1.0 to 1.3) as a typed view: the members the shim reads or edits are named
 * (process environment, mounts, hooks, annotations, Linux device nodes and device cgroup rules); everything else
 * ({@code root}, {@code hostname}, namespaces, seccomp, members of later versions) is kept as read. Writing an
 * unedited spec gives back an equal JSON tree, with its member order.
 */
public final class RuntimeSpec extends OciObject {

    private RuntimeSpec(JsonObject node) {
        super(node);
    }

    /**
     * Reads a {@code config.json}.
     *
     * @param what how errors name the input, e.g. the file's path
     * @throws HookException when it is not JSON, not an object, or a named member has the wrong type
     */
    public static RuntimeSpec read(byte[] json, String what) throws HookException {
        var root = OciJson.readObject(json, what);
        OciShape.checkRuntimeSpec(root, what);
        return new RuntimeSpec(root);
    }

    /** The spec as compact JSON. */
    public byte[] toJson() {
        return OciJson.write(node());
    }

    public String ociVersion() {
        return string("ociVersion");
    }

    /** The process, when the config has one. */
    public Optional<OciProcess> process() {
        return Optional.ofNullable(object("process", false)).map(OciProcess::new);
    }

    /** The process environment as a map (empty without a process). */
    public Map<String, String> env() {
        return process().map(OciProcess::envMap).orElse(Map.of());
    }

    /** The mounts, in order. */
    public List<OciMount> mounts() {
        return views("mounts", OciMount::new);
    }

    /** Appends a mount; the runtime makes mounts in list order. */
    public void addMount(OciMount mount) {
        array("mounts", true).add(mount.node());
    }

    /** The hooks, when the config has them. */
    public Optional<OciHooks> hooks() {
        return Optional.ofNullable(object("hooks", false)).map(OciHooks::new);
    }

    /** The hooks, made empty first when absent. */
    public OciHooks hooksOrCreate() {
        return new OciHooks(object("hooks", true));
    }

    /** The annotations (empty when absent). */
    public Map<String, String> annotations() {
        var a = object("annotations", false);
        var map = new LinkedHashMap<String, String>();
        if (a != null) {
            a.members().forEach(e -> map.put(e.getKey(), (String) e.getValue()));
        }
        return map;
    }

    /** The {@code linux} object, when the config has one. */
    public Optional<OciLinux> linux() {
        return Optional.ofNullable(object("linux", false)).map(OciLinux::new);
    }

    /** The {@code linux} object, made empty first when absent. */
    public OciLinux linuxOrCreate() {
        return new OciLinux(object("linux", true));
    }
}
