package io.hami.runtimehook.oci;


/**
 * One entry of {@code linux.resources.devices}: the device cgroup allows ({@code allow} true) or denies {@code access}
 * ({@code r}, {@code w}, {@code m}) to nodes of {@code type} ({@code c}, {@code b} or {@code a}) and
 * {@code major}/{@code minor}; an absent number (or -1) matches all.
 */
public final class DeviceCgroupRule extends OciObject {

    /** A view of an existing entry. */
    public DeviceCgroupRule(JsonObject node) {
        super(node);
    }

    /** A new rule, members in the spec's order. */
    public DeviceCgroupRule(boolean allow, String type, long major, long minor, String access) {
        node().put("allow", allow).put("type", type).put("major", major).put("minor", minor).put("access", access);
    }

    public Boolean allow() {
        return bool("allow");
    }

    public String type() {
        return string("type");
    }

    public String access() {
        return string("access");
    }

    /** Whether this rule is about the character device {@code major:minor}. */
    boolean matchesCharDevice(long major, long minor) {
        var t = type();
        var ma = number("major");
        var mi = number("minor");
        return (t == null || t.equals("a") || t.equals("c"))
                && (ma == null || ma == major || ma == -1)
                && (mi == null || mi == minor || mi == -1);
    }

    /** Whether this rule grants read and write (an allow rule) or takes either away (a deny rule). */
    boolean coversReadWrite() {
        var a = access();
        if (Boolean.TRUE.equals(allow())) {
            return a == null || a.contains("r") && a.contains("w");
        }
        return a == null || a.contains("r") || a.contains("w");
    }
}
