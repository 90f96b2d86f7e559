package io.hami.deviceplugin.allocate;

import io.hami.deviceplugin.allocate.AllocateException.Reason;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.annotation.PodRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kubelet's {@code Allocate}, HAMi-compatible: find the pod, plan from its annotation, prepare the containers'
 * host directories, write the outcome in one patch, answer.
 *
 * <p>Calls are serialized (kubelet may call concurrently, and each call consumes the pod's next entries). A
 * call has its own deadline: waiting for the previous call and each step count against it. Every failure goes
 * one way: the pod's bind phase becomes {@code failed} (with the reason in an event; not for a pod that does
 * not exist) and the pod's allocation ends; success ends it only when no entry is left. That end, {@link PendingPods#finish}, happens in exactly
 * one place. Nothing is written to the pod before the plan is complete and its directories and host claims exist;
 * a failure after the claims were written releases them (their files removed, their ids free again).
 */
public final class Allocator {
    private static final Logger LOG = LoggerFactory.getLogger(Allocator.class);

    private final PendingPods pendingPods;
    private final AllocationPlanner planner;
    private final PodAnnotationWriter writer;
    private final Clock clock;
    private final Duration timeout;
    private final Supplier<String> cacheIds;
    private final ReentrantLock serial = new ReentrantLock(true);

    /**
     * @param timeout the longest one call may take, waiting for earlier calls included
     */
    public Allocator(PendingPods pendingPods, AllocationPlanner planner, PodAnnotationWriter writer, Clock clock,
                     Duration timeout) {
        this(pendingPods, planner, writer, clock, timeout, () -> UUID.randomUUID().toString());
    }

    Allocator(PendingPods pendingPods, AllocationPlanner planner, PodAnnotationWriter writer, Clock clock,
              Duration timeout, Supplier<String> cacheIds) {
        this.pendingPods = Objects.requireNonNull(pendingPods, "pendingPods");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.cacheIds = Objects.requireNonNull(cacheIds, "cacheIds");
    }

    /**
     * Allocates kubelet's container requests.
     *
     * @param requestedCounts per container request, the number of device IDs kubelet chose
     * @return the plan that was written: per container request its environment, mounts and device nodes
     */
    public AllocationPlan allocate(List<Integer> requestedCounts) throws AllocateException {
        var deadline = Deadline.after(clock, timeout);
        acquire(deadline);
        try {
            return allocateSerially(requestedCounts, deadline);
        } finally {
            serial.unlock();
        }
    }

    private void acquire(Deadline deadline) throws AllocateException {
        try {
            if (serial.tryLock(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AllocateException(Reason.TIMEOUT, "allocation timed out waiting for earlier allocations",
                Optional.empty(), null);
    }

    private AllocationPlan allocateSerially(List<Integer> requestedCounts, Deadline deadline) throws AllocateException {
        PodRef pod = null;
        AllocationPlan plan = null;
        boolean finish = false;
        try {
            var found = pendingPods.find(deadline);
            pod = new PodRef(found.getMetadata().getNamespace(), found.getMetadata().getName());
            plan = planner.plan(found, requestedCounts, cacheIds);
            writeClaims(plan);
            for (var container : plan.containers()) {
                if (container.directoryRoot().isPresent()) {
                    ContainerDirectories.recreate(container.directoryRoot().get(), container.id());
                }
            }
            deadline.check("writing the allocation of pod " + pod);
            writer.commit(plan);
            finish = plan.complete();
            LOG.info("allocated {} container(s) of pod {}{}", plan.containers().size(), pod,
                    plan.complete() ? "; its allocation is complete" : "");
            return plan;
        } catch (Exception e) {
            if (plan != null) {
                plan.releaseClaims();
            }
            var failure = AllocateException.of(e);
            pod = pod != null ? pod : failure.pod().orElse(null);
            finish = pod != null;
            LOG.warn("Allocate failed: {}", failure.getMessage());
            if (pod != null && failure.reason() != Reason.NO_PENDING_POD) {
                writer.failed(pod, failure.getMessage());
            }
            throw failure;
        } finally {
            if (finish) {
                pendingPods.finish(pod);
            }
        }
    }

    /** Writes the containers' host claims, in request order; a failure names the pod and the container. */
    private static void writeClaims(AllocationPlan plan) throws AllocateException {
        for (var container : plan.containers()) {
            if (container.claim().isPresent()) {
                try {
                    container.claim().get().write();
                } catch (IOException e) {
                    throw new AllocateException(Reason.HOST_ERROR, "pod " + plan.pod() + ": container "
                            + container.id().containerName() + ": " + e.getMessage(), Optional.of(plan.pod()), e);
                }
            }
        }
    }
}
