package io.hami.monitor.regions;

import io.hami.model.protocol.ContainerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;

/**
 * The rules for one per-container directory {@code <containers>/<podUID>_<container>/}, after HAMi's monitor:
 * how its name splits, and which file in it is the region.
 */
final class ContainerDirectory {
    /** A container directory holds the region and libvgpu's mount placeholder; more than this is not ours. */
    static final int MAX_CANDIDATES = 2;

    private ContainerDirectory() {
    }

    /** A directory's region file, when it has one yet. */
    sealed interface Choice {
    }

    /** The region file: the first {@code *.cache} by name that is not libvgpu's. */
    record Found(Path file) implements Choice {
    }

    /** No {@code *.cache} yet: the container has not started a CUDA process. */
    record NotYet() implements Choice {
    }

    /** More than {@value #MAX_CANDIDATES} region or library files: the directory is skipped. */
    record TooMany(int count) implements Choice {
    }

    /**
     * Looks at the names in {@code dir} as HAMi does: files whose name contains {@code libvgpu.so} or ends in
     * {@code .cache} are candidates; more than two is an error; the region is the first {@code .cache} that is
     * not a libvgpu file. Names are sorted so the choice does not depend on directory order.
     */
    static Choice choose(Path dir) throws IOException {
        var candidates = new ArrayList<String>();
        try (var entries = Files.newDirectoryStream(dir)) {
            for (var entry : entries) {
                var name = entry.getFileName().toString();
                if (name.contains("libvgpu.so") || name.endsWith(".cache")) {
                    candidates.add(name);
                }
                if (candidates.size() > MAX_CANDIDATES) {
                    return new TooMany(candidates.size());
                }
            }
        }
        return candidates.stream().sorted()
                .filter(n -> n.endsWith(".cache") && !n.contains("libvgpu.so"))
                .findFirst().<Choice>map(n -> new Found(dir.resolve(n))).orElse(new NotYet());
    }
}
