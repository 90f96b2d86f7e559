package io.hami.runtimehook.bundle;

import io.hami.model.input.UntrustedFiles;
import io.hami.model.store.AtomicFiles;
import io.hami.model.input.UntrustedFiles.Links;
import io.hami.model.input.UntrustedInputException;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.oci.OciJson;
import io.hami.runtimehook.oci.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * An OCI bundle directory and its {@code config.json}. The directory comes from the container manager; the file
 * in it is read without following a link (a {@code config.json} that is a link, to a host file or anywhere, is
 * refused), only when it is a regular file of bounded size, and replaced atomically with its permissions kept.
 */
public final class Bundle {
    /** The runtime-spec's file name for the configuration. */
    public static final String CONFIG = "config.json";

    private final Path dir;

    private Bundle(Path dir) {
        this.dir = dir;
    }

    /**
     * The bundle at {@code path} (absolute, or relative to the working directory as runc takes it).
     *
     * @throws HookException when it is not an existing directory
     */
    public static Bundle open(String path) throws HookException {
        if (path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new HookException("bundle: not a path: " + HookException.oneLine(path));
        }
        try {
            var real = Path.of(path).toAbsolutePath().toRealPath();
            if (!Files.isDirectory(real)) {
                throw new HookException("bundle " + path + ": not a directory");
            }
            return new Bundle(real);
        } catch (NoSuchFileException e) {
            throw new HookException("bundle " + path + ": no such directory");
        } catch (IOException e) {
            throw new HookException("bundle " + path + ": " + e.getMessage(), e);
        }
    }

    /** The bundle directory, with links resolved. */
    public Path dir() {
        return dir;
    }

    /** The path of {@code config.json}. */
    public Path configPath() {
        return dir.resolve(CONFIG);
    }

    /** The bytes of {@code config.json}, read through {@link UntrustedFiles} without following a link. */
    public byte[] readConfigBytes() throws HookException {
        try {
            return UntrustedFiles.readBytes(configPath(), OciJson.MAX_BYTES, Links.REFUSE);
        } catch (UntrustedInputException e) {
            throw new HookException(e.getMessage(), e);
        }
    }

    /** {@code config.json} as the model. */
    public RuntimeSpec readConfig() throws HookException {
        return RuntimeSpec.read(readConfigBytes(), configPath().toString());
    }

    /** Replaces {@code config.json} atomically with {@code spec}, keeping the file's permissions. */
    public void writeConfig(RuntimeSpec spec) throws HookException {
        var file = configPath();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            AtomicFiles.write(file, spec.toJson(), perms);
        } catch (IOException e) {
            throw new HookException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
