package io.hami.cli.doctor;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.bindings.region.RegionReader;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.protocol.ContainerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HAMi-core's shared regions on the node, {@code <vgpu>/containers/<podUID>_<container>/*.cache}: each readable as
 * {@code hami region dump} reads it, and whose it is: the pod UID and container its directory names, and, when the API
 * was reached, that pod's namespace and name (a region of a pod that is gone is left over).
 */
final class RegionChecks {

    private static final int MAX_LISTED = 256;

    private final NodePaths paths;

    RegionChecks(NodePaths paths) {
        this.paths = paths;
    }

    /**
     * @param pods the pods of this node by UID ({@code namespace/name}), when the API was reached
     */
    void regions(Section s, Optional<Map<String, String>> pods) {
        var root = ContainerDirectories.root(Path.of(paths.hamiCore().vgpuDir()));
        var dir = paths.onHost(root);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            s.fact(root + " does not exist: no region to read");
            return;
        }
        List<Path> containers;
        try (var list = Files.list(dir)) {
            containers = list.sorted().limit(MAX_LISTED).toList();
        } catch (IOException e) {
            s.error("unreadable", root + ": " + e.getMessage(), "run hami doctor as root");
            return;
        }
        if (containers.isEmpty()) {
            s.fact(root + ": no container has a region yet");
        }
        for (var c : containers) {
            var name = c.getFileName().toString();
            var id = ContainerDirectories.parse(name);
            if (id.isEmpty() || !Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
                s.warning("stray", root.resolve(name) + " is not a container directory (<pod UID>_<container>)",
                        "nothing of hami's made it; remove it if nobody else uses it");
                continue;
            }
            var owner = id.get().podUid() + " container " + id.get().containerName();
            if (pods.isPresent()) {
                var pod = pods.get().get(id.get().podUid());
                if (pod == null) {
                    s.warning("orphaned", root.resolve(name) + " belongs to pod " + id.get().podUid()
                            + ", which is not on this node any more", "the monitor removes the directories of "
                            + "pods that are gone: check that hami monitor runs on this node");
                    continue;
                }
                owner = pod + " (" + owner + ")";
            }
            files(s, root.resolve(name), c, owner, id.get());
        }
    }

    private void files(Section s, Path hostDir, Path dir, String owner, ContainerIdentity id) {
        List<Path> caches;
        try (var list = Files.list(dir)) {
            caches = list.filter(p -> p.getFileName().toString().endsWith(".cache")).sorted().limit(MAX_LISTED).toList();
        } catch (IOException e) {
            s.error("unreadable", hostDir + ": " + e.getMessage(), "run hami doctor as root");
            return;
        }
        if (caches.isEmpty()) {
            s.fact(hostDir + ": pod " + owner + ", no region yet (its CUDA process has not started)");
        }
        for (var file : caches) {
            var host = hostDir.resolve(file.getFileName().toString());
            try {
                var snap = RegionReader.read(file);
                s.fact(host + ": pod " + owner + ", layout " + snap.format().label() + ", " + snap.deviceCount()
                        + " device(s), " + snap.activeSlots().size() + " process(es)");
                if (!snap.knownVersion()) {
                    s.warning("unknown-version", host + ": " + snap.header().unknownVersionNote(), "read as the "
                            + "nearest layout we know; see docs/regions.md");
                }
            } catch (InvalidRegionException e) {
                s.warning("unreadable", host + " (pod " + owner + ") is not a readable region: " + e.getMessage(),
                        "the monitor skips it, so this container's usage is not reported and its priority not "
                                + "fed back; if " + id.containerName() + " still runs, its HAMi-core may write a layout "
                                + "we do not read (docs/regions.md)");
            } catch (IOException e) {
                s.warning("unreadable", host + " (pod " + owner + "): " + e.getMessage(), "run hami doctor as root");
            }
        }
    }
}
