package io.hami.runtimehook.oci;

import io.hami.runtimehook.HookException;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Collections;
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
        var process = object("process", false);
        return process == null ? Optional.empty() : Optional.of(new OciProcess(process));
    }

    /** The process environment as a map (empty without a process). */
    public Map<String, String> env() {
        var process = object("process", false);
        return process == null ? Map.of() : new OciProcess(process).envMap();
    }

    /** The mounts, in order. */
    public List<OciMount> mounts() {
        var objects = objects("mounts");
        var list = new ArrayList<OciMount>(objects.length);
        for (var o : objects) {
            list.add(new OciMount(o));
        }
        return Collections.unmodifiableList(list);
    }

    /** Appends a mount; the runtime makes mounts in list order. */
    public void addMount(OciMount mount) {
        array("mounts", true).add(mount.node());
    }

    /** The hooks, when the config has them. */
    public Optional<OciHooks> hooks() {
        var hooks = object("hooks", false);
        return hooks == null ? Optional.empty() : Optional.of(new OciHooks(hooks));
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
            for (var e : a.members()) {
                map.put(e.getKey(), (String) e.getValue());
            }
        }
        return map;
    }

    /** The {@code linux} object, when the config has one. */
    public Optional<OciLinux> linux() {
        var linux = object("linux", false);
        return linux == null ? Optional.empty() : Optional.of(new OciLinux(linux));
    }

    /** The {@code linux} object, made empty first when absent. */
    public OciLinux linuxOrCreate() {
        return new OciLinux(object("linux", true));
    }
}
