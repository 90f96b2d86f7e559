package io.hami.runtimehook.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The containerd {@code config.toml} schemas the installer edits, told apart by the top-level {@code version} key.
 * Both keep CRI runtime handlers under {@code plugins.<cri plugin>.containerd.runtimes.<name>}; only the plugin id
 * differs. Schema 1 (no {@code version} key) is not edited: containerd 1.5 deprecated it and containerd 2.0 no
 * longer reads it, so a file in that shape has to be migrated by its owner first.
 */
public enum ContainerdSchema {
    /** {@code version = 2}: containerd 1.6 and 1.7 (2.x reads it too, migrating it in memory). */
    V2(2, "io.containerd.grpc.v1.cri", "containerd 1.6/1.7"),
    /** {@code version = 3}: containerd 2.x. */
    V3(3, "io.containerd.cri.v1.runtime", "containerd 2.x");

    private final int version;
    private final String criPlugin;
    private final String containerd;

    ContainerdSchema(int version, String criPlugin, String containerd) {
        this.version = version;
        this.criPlugin = criPlugin;
        this.containerd = containerd;
    }

    /** The value of the {@code version} key. */
    public int version() {
        return version;
    }

    /** The keys from the document root to the table of runtime handlers. */
    public List<String> runtimesPath() {
        return List.of("plugins", criPlugin, "containerd", "runtimes");
    }

    /** The TOML header of the handler's table, or of its sub-table {@code sub} when not empty. */
    String header(String runtime, String sub) {
        return "[plugins.\"" + criPlugin + "\".containerd.runtimes." + runtime + (sub.isEmpty() ? "" : "." + sub) + "]";
    }

    /** The schema with version {@code version}. */
    public static ContainerdSchema ofVersion(int version) throws InstallException {
        for (var s : values()) {
            if (s.version == version) {
                return s;
            }
        }
        throw new InstallException("containerd config version " + version + " is not supported: use 2 (containerd "
                + "1.6/1.7) or 3 (containerd 2.x)");
    }

    /** The schema a parsed, non-empty config declares. */
    static ContainerdSchema of(JsonNode root, Path file) throws InstallException {
        var v = root.get("version");
        if (v == null || (v.isIntegralNumber() && v.asLong() == 1)) {
            throw new InstallException("containerd config " + file + " is schema version 1 (" + (v == null
                    ? "no version key" : "version = 1") + "), deprecated since containerd 1.5 and not read by "
                    + "containerd 2.x; migrate it to version 2 or 3 first (containerd config migrate)");
        }
        if (!v.isIntegralNumber()) {
            throw new InstallException("containerd config " + file + ": version is not an integer: " + v);
        }
        try {
            return ofVersion(v.intValue());
        } catch (InstallException e) {
            throw new InstallException("containerd config " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "version " + version + " (" + containerd + ")";
    }
}
