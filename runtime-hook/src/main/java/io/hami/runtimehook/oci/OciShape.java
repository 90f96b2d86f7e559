package io.hami.runtimehook.oci;

import io.hami.runtimehook.HookException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the members the model names have the runtime-spec's types, once, when a document is read, so that the
 * views never meet a wrong type. An absent member or a {@code null} is accepted everywhere (the spec's optional
 * fields); members the model does not name are not looked at. Errors name the member by JSON pointer, e.g.
 * {@code config.json: /linux/devices/2/major: expected an integer}.
 */
final class OciShape {
    private static final List<String> HOOK_KINDS = List.of("prestart", "createRuntime", "createContainer", "startContainer",
            "poststart", "poststop");

    private final String what;

    private OciShape(String what) {
        this.what = what;
    }

    /** Checks a {@code config.json} tree. */
    static void checkRuntimeSpec(JsonObject root, String what) throws HookException {
        var s = new OciShape(what);
        s.string(root, "ociVersion", "");
        var process = s.object(root, "process", "");
        if (process != null) {
            s.bool(process, "terminal", "/process");
            s.strings(process, "args", "/process");
            s.strings(process, "env", "/process");
            s.string(process, "cwd", "/process");
        }
        int i = 0;
        for (var mount : s.objects(root, "mounts", "")) {
            var at = "/mounts/" + i++;
            s.string(mount, "destination", at);
            s.string(mount, "type", at);
            s.string(mount, "source", at);
            s.strings(mount, "options", at);
        }
        var hooks = s.object(root, "hooks", "");
        if (hooks != null) {
            for (var kind : HOOK_KINDS) {
                int j = 0;
                for (var hook : s.objects(hooks, kind, "/hooks")) {
                    var at = "/hooks/" + kind + "/" + j++;
                    s.string(hook, "path", at);
                    s.strings(hook, "args", at);
                    s.strings(hook, "env", at);
                    s.integer(hook, "timeout", at, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
            }
        }
        s.stringMap(root, "annotations", "");
        var linux = s.object(root, "linux", "");
        if (linux != null) {
            checkLinux(s, linux);
        }
    }

    private static void checkLinux(OciShape s, JsonObject linux) throws HookException {
        int i = 0;
        for (var d : s.objects(linux, "devices", "/linux")) {
            var at = "/linux/devices/" + i++;
            s.string(d, "path", at);
            s.string(d, "type", at);
            s.integer(d, "major", at, Long.MIN_VALUE, Long.MAX_VALUE);
            s.integer(d, "minor", at, Long.MIN_VALUE, Long.MAX_VALUE);
            s.integer(d, "fileMode", at, 0, 0xffffffffL);
            s.integer(d, "uid", at, 0, 0xffffffffL);
            s.integer(d, "gid", at, 0, 0xffffffffL);
        }
        var resources = s.object(linux, "resources", "/linux");
        if (resources != null) {
            int j = 0;
            for (var r : s.objects(resources, "devices", "/linux/resources")) {
                var at = "/linux/resources/devices/" + j++;
                s.bool(r, "allow", at);
                s.string(r, "type", at);
                s.integer(r, "major", at, Long.MIN_VALUE, Long.MAX_VALUE);
                s.integer(r, "minor", at, Long.MIN_VALUE, Long.MAX_VALUE);
                s.string(r, "access", at);
            }
        }
    }

    /** Checks a container state tree: {@code id} and {@code bundle} are strings, {@code annotations} strings too. */
    static void checkState(JsonObject root, String what) throws HookException {
        var s = new OciShape(what);
        s.string(root, "ociVersion", "");
        s.string(root, "id", "");
        s.string(root, "status", "");
        s.string(root, "bundle", "");
        s.stringMap(root, "annotations", "");
    }

    private HookException wrong(String at, String name, String expected) {
        return new HookException(what + ": " + at + "/" + name + ": expected " + expected);
    }

    private static boolean absent(Object v) {
        return v == null || v == JsonNull.NULL;
    }

    private void string(JsonObject o, String name, String at) throws HookException {
        var v = o.get(name);
        if (!absent(v) && !(v instanceof String)) {
            throw wrong(at, name, "a string");
        }
    }

    private void bool(JsonObject o, String name, String at) throws HookException {
        var v = o.get(name);
        if (!absent(v) && !(v instanceof Boolean)) {
            throw wrong(at, name, "true or false");
        }
    }

    private void integer(JsonObject o, String name, String at, long min, long max) throws HookException {
        var v = o.get(name);
        if (absent(v)) {
            return;
        }
        var value = v instanceof JsonNumber n ? n.longValue() : null;
        if (value == null || value < min || value > max) {
            throw wrong(at, name, "an integer in " + min + ".." + max);
        }
    }

    private void strings(JsonObject o, String name, String at) throws HookException {
        var v = o.get(name);
        if (absent(v)) {
            return;
        }
        if (!(v instanceof JsonArray a)) {
            throw wrong(at, name, "an array of strings");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof String)) {
                throw wrong(at, name, "an array of strings");
            }
        }
    }

    private void stringMap(JsonObject o, String name, String at) throws HookException {
        var v = o.get(name);
        if (absent(v)) {
            return;
        }
        if (!(v instanceof JsonObject map)) {
            throw wrong(at, name, "an object of strings");
        }
        for (var e : map.members()) {
            if (!(e.getValue() instanceof String)) {
                throw wrong(at + "/" + name, e.getKey(), "a string");
            }
        }
    }

    private JsonObject object(JsonObject o, String name, String at) throws HookException {
        var v = o.get(name);
        if (absent(v)) {
            return null;
        }
        if (!(v instanceof JsonObject object)) {
            throw wrong(at, name, "an object");
        }
        return object;
    }

    private List<JsonObject> objects(JsonObject o, String name, String at) throws HookException {
        var v = o.get(name);
        var list = new ArrayList<JsonObject>();
        if (absent(v)) {
            return list;
        }
        if (!(v instanceof JsonArray a)) {
            throw wrong(at, name, "an array of objects");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof JsonObject e)) {
                throw wrong(at, name, "an array of objects");
            }
            list.add(e);
        }
        return list;
    }
}
