package io.hami.benchmarks.demo;

import io.hami.demo.node.StartedContainer;
import io.hami.demo.scheduling.PodRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Where a burst's time went, per pod and stage, from the stand-in's records and the node's {@code started/*.json}
 * files (their {@link StartedContainer.Timeline}): the webhook, the creation, the wait for and the calls of
 * {@code /filter}, {@code /bind} with its backoff, the kubelet stand-in seeing the bound pod, its device plugin's
 * {@code Allocate}, the runtime's preparation (for a lockless container, the shim's read of the allocation store), the
 * container's start, and the pod seen Running. A second part gives when the last pod passed each stage, counted from
 * the burst's start: the stage whose last pass is furthest from the previous one is where the burst waits. In lock
 * mode a bind takes the node lock or fails with contention, and the plugin's Allocate releases it; in lockless mode
 * (docs/protocol.md, "Binds without the node lock") no bind takes it, and the text says so.
 */
record BurstBreakdown(String text) {

    /**
     * @param lockless the node's plugin ran lockless: binds took no node lock
     */
    static BurstBreakdown of(List<PodRecord> records, long start, Path startedDir, boolean lockless) throws IOException {
        var node = NodeTimes.read(startedDir, records);
        var sb = new StringBuilder();
        long lastRunning = records.stream().mapToLong(PodRecord::runningAt).max().orElse(start);
        int binds = records.stream().mapToInt(PodRecord::bindCalls).sum();
        int contention = records.stream().mapToInt(PodRecord::bindFailures).sum();
        int filters = records.stream().mapToInt(PodRecord::filterCalls).sum();
        sb.append(String.format(Locale.ROOT, "burst: %d pods, all Running after %d ms; %d /filter calls, %d /bind "
                + "calls of which %d failed (%s)%n", records.size(), ms(lastRunning - start),
                filters, binds, contention, lockless ? "lockless: no bind takes the node lock" : "node lock contention"));
        sb.append("per pod:\n");
        line(sb, "webhook", records, r -> r.admittedAt() - r.submittedAt());
        line(sb, "create", records, r -> r.createdAt() - r.admittedAt());
        line(sb, "created until filtered", records, r -> r.filteredAt() - r.createdAt());
        line(sb, "  in /filter, all attempts", records, PodRecord::filterNanos);
        line(sb, "filtered until bound", records, r -> r.boundAt() - r.filteredAt());
        line(sb, "  in /bind, all attempts", records, PodRecord::bindNanos);
        line(sb, "  created until bound, not in calls", records,
                r -> r.boundAt() - r.createdAt() - r.filterNanos() - r.bindNanos());
        line(sb, "bound until the kubelet saw it", records, r -> node.of(r).seen() - r.boundAt());
        line(sb, "seen until Allocate answered", records, r -> node.of(r).allocated() - node.of(r).seen());
        line(sb, "Allocate until prepared", records, r -> node.of(r).prepared() - node.of(r).allocated());
        line(sb, "prepared until container ran", records, r -> node.of(r).started() - node.of(r).prepared());
        line(sb, "ran until seen Running", records, r -> r.runningAt() - node.of(r).started());
        sb.append("the last pod, from the burst's start:\n");
        last(sb, "admitted", records, start, PodRecord::admittedAt);
        last(sb, "created", records, start, PodRecord::createdAt);
        last(sb, "filtered", records, start, PodRecord::filteredAt);
        last(sb, "bound", records, start, PodRecord::boundAt);
        last(sb, "seen by the kubelet", records, start, r -> node.of(r).seen());
        last(sb, "Allocate answered", records, start, r -> node.of(r).allocated());
        last(sb, "prepared", records, start, r -> node.of(r).prepared());
        last(sb, "container ran", records, start, r -> node.of(r).started());
        last(sb, "seen Running", records, start, PodRecord::runningAt);
        sb.append(String.format(Locale.ROOT, "  (%s)%n", lockless
                ? "lockless: binds to the node run side by side, each pod's devices come from the allocation store"
                : "the node lock is held from one bind until its pod's Allocate"));
        return new BurstBreakdown(sb.toString());
    }

    /** One pod's node-side times, as {@link System#nanoTime()} values of this JVM. */
    private record Steps(long seen, long allocated, long prepared, long started) {
    }

    /** The node-side times of the records' pods, from their first container's started file. */
    private record NodeTimes(Map<String, Steps> byUid) {
        static NodeTimes read(Path dir, List<PodRecord> records) throws IOException {
            // nanoTime and the node's wall clock are different clocks: tie them once
            long nanoNow = System.nanoTime();
            Instant wallNow = Instant.now();
            long microsNow = TimeUnit.SECONDS.toMicros(wallNow.getEpochSecond()) + wallNow.getNano() / 1000;
            ToLongFunction<Long> nanos = micros -> micros == 0 ? 0 : nanoNow - TimeUnit.MICROSECONDS.toNanos(microsNow - micros);
            var byUid = new HashMap<String, Steps>();
            if (!Files.isDirectory(dir)) {
                return new NodeTimes(byUid);
            }
            for (PodRecord r : records) {
                try (var files = Files.list(dir)) {
                    var file = files.filter(p -> p.getFileName().toString().startsWith(r.uid() + "_")).findFirst();
                    if (file.isPresent()) {
                        var t = StartedContainer.read(file.get()).timeline();
                        byUid.put(r.uid(), new Steps(nanos.applyAsLong(t.seenMicros()), nanos.applyAsLong(t.allocatedMicros()),
                                nanos.applyAsLong(t.preparedMicros()), nanos.applyAsLong(t.startedMicros())));
                    }
                }
            }
            return new NodeTimes(byUid);
        }

        Steps of(PodRecord r) {
            return byUid.getOrDefault(r.uid(), new Steps(0, 0, 0, 0));
        }
    }

    private static void line(StringBuilder sb, String what, List<PodRecord> records, ToLongFunction<PodRecord> f) {
        var values = records.stream().mapToLong(f).sorted().toArray();
        if (values.length == 0) {
            return;
        }
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        sb.append(String.format(Locale.ROOT, "  %-36s mean %6d ms  p50 %6d ms  max %6d ms%n", what,
                ms(sum / values.length), ms(values[values.length / 2]), ms(values[values.length - 1])));
    }

    private static void last(StringBuilder sb, String what, List<PodRecord> records, long start, ToLongFunction<PodRecord> f) {
        long last = records.stream().mapToLong(f).max().orElse(start);
        sb.append(String.format(Locale.ROOT, "  %-36s at %6d ms%n", what, ms(last - start)));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
