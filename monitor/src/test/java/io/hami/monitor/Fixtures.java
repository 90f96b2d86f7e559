package io.hami.monitor;

import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.pods.PodSource;
import io.hami.monitor.pods.PodView;
import io.hami.testfixtures.region.RegionWriterFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Container directories, regions and pods for the monitor's tests. */
public final class Fixtures {
    /** The first uuid the C writer gives a region's devices ({@code devices N}). */
    public static final String GPU0 = "GPU-0fc3eda5-0000-4000-8000-000000000000";
    /** The second. */
    public static final String GPU1 = "GPU-0fc3eda6-0000-4000-8000-000000000001";
    /** A fixed name for region files, as the device plugin's random uuid would be. */
    public static final String CACHE = "9b1c3f52-7a1e-4c55-8d0e-2f4b6a8c0d1e.cache";

    private Fixtures() {
    }

    /** A pod UID made from a small number. */
    public static String uid(int n) {
        return String.format("%08x-0000-4000-8000-%012x", n, n);
    }

    /** Creates {@code <containers>/<uid>_<container>/} (mode as the plugin leaves it) and returns the writer of its region. */
    public static RegionWriterFixture region(Path containers, String uid, String container) {
        var dir = containers.resolve(uid + "_" + container);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RegionWriterFixture.on(dir.resolve(CACHE));
    }

    /** Sets a directory's modification time, which the grace period measures. */
    public static void touch(Path dir, Instant when) {
        try {
            Files.setLastModifiedTime(dir, FileTime.from(when));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pod view with app containers only and no annotations. */
    public static PodView pod(String uid, String namespace, String name, String... containers) {
        return PodView.ofGpuContainers(uid, namespace, name, List.of(containers), Optional.empty(), Optional.empty());
    }

    /**
     * {@code source} with a {@code close()} that does nothing. The fabric8 mock server of version 8.0.0 can
     * deadlock its event loop for ten seconds when a client closes a watch (its listener waits on an executor
     * whose queued close needs that event loop), so tests leave the informer open and let the mock server go
     * down first; the client's close then finds the watch gone.
     */
    public static PodSource leftOpen(PodSource source) {
        return new PodSource() {
            @Override
            public boolean synced() {
                return source.synced();
            }

            @Override
            public java.util.Collection<PodView> pods() {
                return source.pods();
            }

            @Override
            public Optional<PodView> byUid(String uid) {
                return source.byUid(uid);
            }

            @Override
            public void close() {
            }
        };
    }

    /** A configuration for tests: node {@code node-1}, the given hook path, loopback port 0, 5 min grace. */
    public static MonitorConfig config(Path hookPath, boolean legacy) {
        try {
            return MonitorConfig.load(Map.of("node-name", "node-1", "hook-path", hookPath.toString(),
                    "metrics-bind-address", "127.0.0.1:0", "legacy-metrics", Boolean.toString(legacy),
                    "mig-apply-lock", hookPath.resolve("mig-apply.lock").toString()), Map.of(), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
