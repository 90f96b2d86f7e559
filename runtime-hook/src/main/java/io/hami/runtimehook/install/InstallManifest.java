package io.hami.runtimehook.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedFiles.Links;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
    /** A record is a few hundred bytes. */
    private static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The record in {@code state}, if there is one. */
    public static Optional<InstallManifest> read(Path state) throws InstallException {
        var file = state.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            var m = JSON.readValue(UntrustedFiles.readBytes(file, MAX_BYTES, Links.REFUSE), InstallManifest.class);
            if (m.format() != 1) {
                throw new InstallException("install record " + file + " has format " + m.format() + ", this hami reads 1");
            }
            return Optional.of(m);
        } catch (UntrustedInputException e) {
            throw new InstallException("cannot read install record " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InstallException("cannot read install record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the record into {@code state}, atomically. */
    void write(Path state) throws IOException {
        AtomicFiles.write(state.resolve(FILE), JSON.writeValueAsBytes(this), PosixFilePermissions.fromString("rw-r--r--"));
    }
}
