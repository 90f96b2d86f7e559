package io.hami.monitor.regions;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.monitor.metrics.CollectErrors;
import io.hami.monitor.metrics.CollectErrors.Reason;
import io.hami.monitor.pods.PodSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open regions of the node's containers, keyed by directory name, kept current by {@link #refresh}: the
 * discovery pass of HAMi's monitor, plus re-validation of regions already open.
 *
 * <p>One pass lists {@code <hook path>/containers}. A directory whose pod the {@link PodSource} does not know
 * is left alone while it is younger than the grace period (the informer may lag behind a new pod), and after
 * that its region is closed and the directory removed, but only once the source has synced, since before
 * that no pod is known. A region already open is kept while its file is the same and long enough; a file
 * replaced, removed or truncated drops the region and it is opened again from the directory. A directory
 * without a region file yet is tried again on the next pass.
 *
 * <p>Readers ({@link #read}) hold a read lock; a pass opens files without any lock and takes the write lock
 * only to publish the new set and close what it dropped, so a scrape never waits on directory I/O and never
 * reads a region being closed. {@code refresh} itself is called from one thread.
 */
public final class RegionRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegionRegistry.class);

    private final Path containersDir;
    private final Duration grace;
    private final InstantSource clock;
    private final CollectErrors errors;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, String> reported = new HashMap<>();
    private volatile Map<String, ContainerRegion> regions = Map.of();

    /**
     * @param containersDir {@code <hook path>/containers}
     * @param grace         how long a directory of an unknown pod is kept
     * @param clock         the time directory ages are measured against
     * @param errors        where skipped items are counted
     */
    public RegionRegistry(Path containersDir, Duration grace, InstantSource clock, CollectErrors errors) {
        this.containersDir = containersDir;
        this.grace = grace;
        this.clock = clock;
        this.errors = errors;
    }

    /** What one pass did. */
    public record Pass(List<String> open, List<String> removed) {
    }

    /** Runs one discovery pass against the pods {@code pods} knows. */
    public Pass refresh(PodSource pods) {
        var current = regions;
        var next = new TreeMap<String, ContainerRegion>();
        var dropped = new ArrayList<ContainerRegion>();
        var stale = new ArrayList<Path>();
        List<Path> dirs;
        try (var entries = Files.newDirectoryStream(containersDir)) {
            dirs = new ArrayList<>();
            entries.forEach(dirs::add);
        } catch (IOException e) {
            errors.count(Reason.CONTAINERS_DIR);
            report("", "cannot list " + containersDir + ": " + e);
            return new Pass(List.copyOf(current.keySet()), List.of());
        }
        boolean synced = pods.synced();
        for (var dir : dirs) {
            var name = dir.getFileName().toString();
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue; // gone since the listing
            }
            if (!attrs.isDirectory()) {
                continue;
            }
            var id = ContainerDirectories.parse(name);
            if (id.isEmpty()) {
                errors.count(Reason.DIRECTORY_NAME);
                report(name, "not a <podUID>_<container> directory name");
                continue;
            }
            var loaded = current.get(name);
            if (synced && pods.byUid(id.get().podUid()).isEmpty()) {
                if (Duration.between(attrs.lastModifiedTime().toInstant(), clock.instant()).compareTo(grace) < 0) {
                    if (loaded != null) {
                        next.put(name, loaded);
                    }
                } else {
                    if (loaded != null) {
                        dropped.add(loaded);
                    }
                    stale.add(dir);
                }
                continue;
            }
            if (loaded != null) {
                if (stillCurrent(loaded)) {
                    next.put(name, loaded);
                    continue;
                }
                dropped.add(loaded);
            }
            open(id.get(), dir).ifPresent(r -> next.put(name, r));
        }
        current.forEach((name, region) -> {
            if (!next.containsKey(name) && !dropped.contains(region)) {
                dropped.add(region);
            }
        });
        publish(next, dropped);
        var removed = new ArrayList<String>();
        for (var dir : stale) {
            try {
                ContainerDirectories.remove(dir);
                removed.add(dir.getFileName().toString());
                reported.remove(dir.getFileName().toString());
                LOG.info("removed {}: its pod is gone", dir);
            } catch (IOException e) {
                errors.count(Reason.CLEANUP);
                report(dir.getFileName().toString(), "cannot remove " + dir + ": " + e);
            }
        }
        return new Pass(List.copyOf(next.keySet()), removed);
    }

    /**
     * Runs {@code reader} over the open regions, by directory name, while no pass can close them.
     * {@code reader} must not keep the regions beyond its return.
     */
    public <T> T read(Function<Map<String, ContainerRegion>, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(regions);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Closes every region; later passes start from nothing. */
    @Override
    public void close() {
        publish(Map.of(), List.copyOf(regions.values()));
    }

    private boolean stillCurrent(ContainerRegion region) {
        try {
            return switch (region.check()) {
                case CURRENT -> true;
                case REPLACED -> {
                    errors.count(Reason.REGION_REPLACED);
                    LOG.info("{}: the file was replaced or removed; opening it again", region);
                    yield false;
                }
                case TRUNCATED -> {
                    errors.count(Reason.REGION_TRUNCATED);
                    LOG.warn("{}: truncated below its layout; dropped", region);
                    yield false;
                }
            };
        } catch (IOException e) {
            errors.count(Reason.REGION_IO);
            return false;
        }
    }

    private Optional<ContainerRegion> open(ContainerIdentity id, Path dir) {
        var name = id.directoryName();
        try {
            switch (ContainerDirectory.choose(dir)) {
                case ContainerDirectory.Found(Path file) -> {
                    var region = ContainerRegion.open(id, file);
                    if (reported.remove(name) != null || !regions.containsKey(name)) {
                        LOG.info("{}: opened region {} (layout {})", name, file.getFileName(), region.format().label());
                        if (!region.header().knownVersion()) {
                            LOG.warn("{}: {}", name, region.header().unknownVersionNote());
                        }
                    }
                    return Optional.of(region);
                }
                case ContainerDirectory.NotYet() -> {
                    return Optional.empty();
                }
                case ContainerDirectory.TooMany(int count) -> {
                    errors.count(Reason.CACHE_FILES);
                    report(name, count + " region or library files; expected at most " + ContainerDirectory.MAX_CANDIDATES);
                }
            }
        } catch (InvalidRegionException e) {
            errors.count(Reason.of(e.reason()));
            report(name, e.getMessage());
        } catch (IOException e) {
            errors.count(Reason.REGION_IO);
            report(name, e.toString());
        }
        return Optional.empty();
    }

    private void publish(Map<String, ContainerRegion> next, List<ContainerRegion> dropped) {
        lock.writeLock().lock();
        try {
            regions = Collections.unmodifiableSortedMap(new TreeMap<>(next));
            for (var region : dropped) {
                try {
                    region.close();
                } catch (IOException e) {
                    LOG.debug("closing {}: {}", region, e.toString());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Logs a directory's problem when it is new or changed; a problem repeated every pass is counted, not logged. */
    private void report(String name, String problem) {
        if (!problem.equals(reported.put(name, problem))) {
            LOG.warn("{}: {}", name.isEmpty() ? containersDir : name, problem);
        }
    }
}
