package io.hami.monitor.feedback;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.monitor.metrics.CollectErrors;
import io.hami.monitor.metrics.CollectErrors.Reason;
import io.hami.monitor.regions.ContainerRegion;
import io.hami.monitor.regions.RegionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One feedback pass over the open regions: snapshot each, {@linkplain PriorityFeedback#plan plan}, and write
 * the planned {@code recent_kernel} and {@code utilization_switch} values, nothing else, without any lock of
 * the region. While the MIG apply lock file exists (the device plugin is reconfiguring MIG) the pass does
 * nothing. A region that cannot be read or written is counted and skipped.
 */
public final class FeedbackLoop {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackLoop.class);

    private final RegionRegistry registry;
    private final Path migApplyLock;
    private final CollectErrors errors;
    private boolean paused;

    public FeedbackLoop(RegionRegistry registry, Path migApplyLock, CollectErrors errors) {
        this.registry = registry;
        this.migApplyLock = migApplyLock;
        this.errors = errors;
    }

    /** What one pass did: paused, or the writes it made. */
    public record Pass(boolean paused, List<FeedbackWrite> writes) {
    }

    /** Runs one pass; called from one thread. */
    public Pass run() {
        if (Files.exists(migApplyLock, LinkOption.NOFOLLOW_LINKS)) {
            if (!paused) {
                LOG.info("feedback paused: {} exists", migApplyLock);
            }
            paused = true;
            return new Pass(true, List.of());
        }
        if (paused) {
            LOG.info("feedback resumed");
            paused = false;
        }
        return registry.read(this::pass);
    }

    private Pass pass(Map<String, ContainerRegion> regions) {
        var inputs = new ArrayList<FeedbackInput>(regions.size());
        for (var entry : regions.entrySet()) {
            try {
                var input = FeedbackInput.of(entry.getKey(), entry.getValue().snapshot());
                if (!input.priorityValid()) {
                    errors.count(Reason.PRIORITY);
                }
                inputs.add(input);
            } catch (InvalidRegionException e) {
                errors.count(Reason.of(e.reason()));
            } catch (IOException e) {
                errors.count(Reason.REGION_IO);
            }
        }
        var applied = new ArrayList<FeedbackWrite>();
        for (var write : PriorityFeedback.plan(inputs)) {
            var region = regions.get(write.key());
            try {
                var writer = region.writer();
                if (write.recentKernel().isPresent()) {
                    writer.putRecentKernelRelease(write.recentKernel().getAsInt());
                    if (write.recentKernel().getAsInt() < 0) {
                        LOG.info("{}: blocked while a higher-priority container is active on its GPU", write.key());
                    }
                }
                if (write.utilizationSwitch().isPresent()) {
                    writer.putUtilizationSwitchRelease(write.utilizationSwitch().getAsInt());
                }
                applied.add(write);
            } catch (InvalidRegionException | IOException e) {
                errors.count(Reason.FEEDBACK_WRITE);
                LOG.debug("{}: feedback write failed: {}", write.key(), e.toString());
            }
        }
        return new Pass(false, applied);
    }
}
