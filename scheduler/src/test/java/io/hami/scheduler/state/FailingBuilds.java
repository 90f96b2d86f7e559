package io.hami.scheduler.state;

import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.SnapshotBuilder;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Snapshot builds that throw while {@link #failWith} is set, for tests of what waits on the cluster state: a
 * {@link ClusterState} or {@link ClusterModel} built over this fails exactly where the core's builder would.
 */
public final class FailingBuilds implements Function<SnapshotBuilder, ClusterSnapshot> {

    private volatile RuntimeException failure;

    /** Builds throw {@code failure} from now on. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Builds succeed again. */
    public void recover() {
        this.failure = null;
    }

    @Override
    public ClusterSnapshot apply(SnapshotBuilder builder) {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        return builder.build();
    }

    /** A cluster state (not started) whose builds go through this. */
    public ClusterState state(DeviceTypes types, Clock clock, KubeCache cache) {
        return new ClusterState(types, model(types, clock, cache));
    }

    ClusterModel model(DeviceTypes types, Clock clock, KubeCache cache) {
        return new ClusterModel(types, clock, Map.of(), Duration.ofMinutes(5), cache, this);
    }
}
