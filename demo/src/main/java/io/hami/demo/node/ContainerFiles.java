package io.hami.demo.node;

import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.protocol.ContainerDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Host files of a container, for both runtimes: where its region lies, and removing what a start created. */
final class ContainerFiles {

    private ContainerFiles() {
    }

    /**
     * The region file as the host sees it: {@code CUDA_DEVICE_MEMORY_SHARED_CACHE} names it inside the
     * container, in the directory the plugin mounts from the host; empty for a container without HAMi-core.
     *
     * @throws IOException when no mount provides the region's directory
     */
    static Optional<Path> regionOnHost(ContainerAllocateResponse allocation) throws IOException {
        var cache = allocation.getEnvsMap().get(HamiCoreView.SHARED_CACHE);
        if (cache == null) {
            return Optional.empty();
        }
        var inside = Path.of(cache);
        var mount = allocation.getMountsList().stream()
                .filter(m -> inside.getParent() != null && Path.of(m.getContainerPath()).equals(inside.getParent())).findFirst()
                .orElseThrow(() -> new IOException("no mount provides " + inside.getParent() + " for " + HamiCoreView.SHARED_CACHE));
        return Optional.of(Path.of(mount.getHostPath()).toAbsolutePath().normalize().resolve(inside.getFileName()));
    }

    /** Deletes {@code path} and everything below it, when it lies under {@code root}; nothing else, ever. */
    static void deleteTree(Path root, Path path) throws IOException {
        var p = path.toAbsolutePath().normalize();
        if (!p.startsWith(root.toAbsolutePath().normalize()) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        ContainerDirectories.remove(p);
    }
}
