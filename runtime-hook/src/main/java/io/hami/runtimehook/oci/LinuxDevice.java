package io.hami.runtimehook.oci;


/**
 * One entry of {@code linux.devices}: a node the runtime creates in the container at {@code path}, of {@code type}
 * {@code c}, {@code b}, {@code u} or {@code p}, with {@code major}/{@code minor}, {@code fileMode} and owner.
 */
public final class LinuxDevice extends OciObject {

    /** A view of an existing entry. */
    public LinuxDevice(JsonObject node) {
        super(node);
    }

    /** A new entry, members in the spec's order. */
    public LinuxDevice(String path, String type, long major, long minor, int fileMode, long uid, long gid) {
        node().put("path", path).put("type", type).put("major", major).put("minor", minor)
                .put("fileMode", fileMode).put("uid", uid).put("gid", gid);
    }

    public String path() {
        return string("path");
    }

    public String type() {
        return string("type");
    }

    public Long major() {
        return number("major");
    }

    public Long minor() {
        return number("minor");
    }

    public Long fileMode() {
        return number("fileMode");
    }
}
