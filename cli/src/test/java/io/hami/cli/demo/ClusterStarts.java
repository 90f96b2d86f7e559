package io.hami.cli.demo;

import io.hami.demo.api.ApiServer;
import io.hami.demo.cluster.DemoCluster;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * {@link DemoCluster#start} while no other IT of this module starts a cluster. Failsafe runs the IT classes in two
 * forks side by side (cli/pom.xml); a cluster's start is a burst of JVM starts (the scheduler and every node), the part
 * of an IT that most needs the CPU (in a trial without this lock, on a loaded two-core machine, the schedulers of
 * clusters started side by side were not ready within the start timeout). Everything after the start (workloads,
 * settling, the API server outage, the checks) still overlaps. The lock is a file lock, which holds across the forks'
 * JVMs, and is held only while the cluster starts.
 */
final class ClusterStarts {

    /** The lock file, in the module's build directory; failsafe names it. Without it (one IT run alone) no lock. */
    private static final String LOCK = System.getProperty("hami.it.startLock", "");

    /**
     * How long each daemon of a cluster may take to turn ready: whether it starts, not how fast. The demo's 120 s was
     * not enough for the scheduler of a nine-node cluster on two cores at load 35 (its log still empty), beside
     * another fork's cluster and other builds.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private ClusterStarts() {
    }

    /**
     * Starts the cluster as {@link DemoCluster#start} does (which owns {@code api} from then on), once no other fork's
     * cluster is starting; closes {@code api} when the lock cannot be taken.
     */
    static DemoCluster start(ApiServer api, DemoCluster.Settings given)
            throws IOException, TimeoutException, InterruptedException {
        var settings = given.startTimeout().compareTo(START_TIMEOUT) >= 0 ? given
                : given.withStartTimeout(START_TIMEOUT);
        if (LOCK.isEmpty()) {
            return DemoCluster.start(api, settings);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(Path.of(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            api.close();
            throw e;
        }
        try (channel) { // closing the channel releases the lock
            try {
                channel.lock();
            } catch (IOException e) {
                api.close();
                throw e;
            }
            return DemoCluster.start(api, settings);
        }
    }
}
