package io.hami.deviceplugin.allocate;

import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.Mount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An environment over another that claims one file per container under {@code dir}, and records what happens to each
 * claim: {@code claim <container>}, {@code write <container>}, {@code release <container>}.
 */
final class ClaimingEnvironment implements ContainerEnvironment {
    final List<String> events = new ArrayList<>();
    private final ContainerEnvironment inner;
    private final Path dir;

    ClaimingEnvironment(ContainerEnvironment inner, Path dir) {
        this.inner = inner;
        this.dir = dir;
    }

    @Override
    public ContainerSpec spec(ContainerShare share) {
        return inner.spec(share);
    }

    @Override
    public Optional<Path> directoryRoot(ContainerShare share) {
        return inner.directoryRoot(share);
    }

    @Override
    public Optional<HostClaim> claim(ContainerShare share) {
        var name = share.id().containerName();
        var file = dir.resolve(name + ".claim");
        events.add("claim " + name);
        return Optional.of(new HostClaim() {
            @Override
            public List<Mount> mounts() {
                return List.of(new Mount("/claim", file.toString(), Mount.Kind.FILE, true));
            }

            @Override
            public void write() throws IOException {
                events.add("write " + name);
                Files.writeString(file, name);
            }

            @Override
            public void release() {
                events.add("release " + name);
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
