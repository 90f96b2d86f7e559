package io.hami.runtimehook.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hami.runtimehook.bundle.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * What {@code hami install runtime} changed on a host, kept in {@code <state>/install.json} so that
 * {@code hami uninstall runtime} undoes exactly that. Paths are host paths.
 *
 * @param format           the record's format, 1
 * @param version          the hami version that installed
 * @param tree             the id of the installed runtime tree
 * @param prefix           the link to the runtime tree
 * @param containerdConfig containerd's config file
 * @param configCreated    whether the installer created that file (uninstall then deletes it when nothing else is in it)
 * @param runtimeName      the runtime handler's name
 * @param runtimeClass     the RuntimeClass the installer created, or null
 */
public record InstallManifest(int format, String version, String tree, String prefix, String containerdConfig,
        boolean configCreated, String runtimeName, String runtimeClass) {

    static final String FILE = "install.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The record in {@code state}, if there is one. */
    public static Optional<InstallManifest> read(Path state) throws InstallException {
        var file = state.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var m = JSON.readValue(file.toFile(), InstallManifest.class);
            if (m.format() != 1) {
                throw new InstallException("install record " + file + " has format " + m.format() + ", this hami reads 1");
            }
            return Optional.of(m);
        } catch (IOException e) {
            throw new InstallException("cannot read install record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the record into {@code state}, atomically. */
    void write(Path state) throws IOException {
        AtomicFiles.write(state.resolve(FILE), JSON.writeValueAsBytes(this), PosixFilePermissions.fromString("rw-r--r--"));
    }
}
