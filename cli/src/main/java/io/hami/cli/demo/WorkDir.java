package io.hami.cli.demo;

import io.hami.model.protocol.ContainerDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The demo's working directory: the one given (kept), or a temporary one (removed on close). */
record WorkDir(Path path, boolean temporary) implements AutoCloseable {

    static WorkDir create(Optional<Path> given) {
        try {
            if (given.isPresent()) {
                return new WorkDir(Files.createDirectories(given.get()).toAbsolutePath(), false);
            }
            return new WorkDir(Files.createTempDirectory("hami-demo-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's working directory", e);
        }
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try {
            ContainerDirectories.remove(path);
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing the demo for
        }
    }
}
