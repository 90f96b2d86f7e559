package io.hami.runtimehook.oci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code hooks} object of {@code config.json} (runtime-spec 1.x). {@code createRuntime} hooks run in the runtime's
 * namespaces during {@code create}; runc runs them after it has made the container's mounts and before
 * {@code pivot_root}. {@code prestart} is deprecated; the other lists are kept as read.
 */
public final class OciHooks extends OciObject {

    public OciHooks(JsonObject node) {
        super(node);
    }

    /** The {@code createRuntime} hooks, in order. */
    public List<OciHook> createRuntime() {
        var objects = objects("createRuntime");
        var list = new ArrayList<OciHook>(objects.length);
        for (var o : objects) {
            list.add(new OciHook(o));
        }
        return Collections.unmodifiableList(list);
    }

    /** Appends a {@code createRuntime} hook. */
    public void addCreateRuntime(OciHook hook) {
        array("createRuntime", true).add(hook.node());
    }
}
