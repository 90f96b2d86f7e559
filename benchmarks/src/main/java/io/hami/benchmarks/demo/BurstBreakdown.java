package io.hami.benchmarks.demo;

import io.hami.demo.scheduling.PodRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Where a burst's time went, per pod, from the stand-in's records and the node's {@code started/*.json} files:
 * filtering, {@code /bind} calls, time waiting in backoff, bound until {@code Allocate} answered (the kubelet
 * stand-in's reaction plus the device plugin's Allocate), and Allocate until the pod was seen Running. In lock mode a
 * bind takes the node lock or fails with contention, and the plugin's Allocate releases it; in lockless mode
 * (docs/protocol.md, "Binds without the node lock") no bind takes it, and the text says so.
 */
record BurstBreakdown(String text) {

    /**
     * @param lockless the node's plugin ran lockless: binds took no node lock
     */
    static BurstBreakdown of(List<PodRecord> records, long start, Path startedDir, boolean lockless) throws IOException {
        // nanoTime and file times are different clocks: tie them once
        long nanoNow = System.nanoTime();
        Instant wallNow = Instant.now();
        var sb = new StringBuilder();
        long lastRunning = records.stream().mapToLong(PodRecord::runningAt).max().orElse(start);
        int binds = records.stream().mapToInt(PodRecord::bindCalls).sum();
        int contention = records.stream().mapToInt(PodRecord::bindFailures).sum();
        int filters = records.stream().mapToInt(PodRecord::filterCalls).sum();
        sb.append(String.format(Locale.ROOT, "burst: %d pods, all Running after %d ms; %d /filter calls, %d /bind "
                + "calls of which %d failed (%s)%n", records.size(), ms(lastRunning - start),
                filters, binds, contention, lockless ? "lockless: no bind takes the node lock" : "node lock contention"));
        line(sb, "created (webhook + create)", records, r -> r.createdAt() - start);
        line(sb, "in /filter, all attempts", records, PodRecord::filterNanos);
        line(sb, "in /bind, all attempts", records, PodRecord::bindNanos);
        line(sb, "created until bound", records, r -> r.boundAt() - r.createdAt());
        line(sb, "  of which backoff and queue", records,
                r -> r.boundAt() - r.createdAt() - r.filterNanos() - r.bindNanos());
        var allocated = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            PodRecord r = records.get(i);
            Optional<Instant> file = startedAt(startedDir, r.uid());
            allocated[i] = file.map(t -> nanoNow - TimeUnit.MILLISECONDS.toNanos(
                    wallNow.toEpochMilli() - t.toEpochMilli())).orElse(0L);
        }
        line(sb, "bound until Allocate answered", records, r -> {
            long a = allocated[records.indexOf(r)];
            return a == 0 ? 0 : a - r.boundAt();
        });
        line(sb, "Allocate until seen Running", records, r -> {
            long a = allocated[records.indexOf(r)];
            return a == 0 ? 0 : r.runningAt() - a;
        });
        var order = records.stream().sorted(java.util.Comparator.comparingLong(PodRecord::boundAt)).toList();
        long gaps = 0;
        for (int i = 1; i < order.size(); i++) {
            gaps += order.get(i).boundAt() - order.get(i - 1).boundAt();
        }
        sb.append(String.format(Locale.ROOT, "  binds completed every %d ms on average (%s)%n",
                order.size() > 1 ? ms(gaps) / (order.size() - 1) : 0, lockless
                        ? "lockless: binds to the node run side by side, each pod's devices come from the allocation store"
                        : "the node lock is held from one bind until its pod's Allocate"));
        return new BurstBreakdown(sb.toString());
    }

    private static Optional<Instant> startedAt(Path dir, String uid) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (var files = Files.list(dir)) {
            var f = files.filter(p -> p.getFileName().toString().startsWith(uid + "_")).findFirst();
            return f.isPresent() ? Optional.of(Files.getLastModifiedTime(f.get()).toInstant()) : Optional.empty();
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
        sb.append(String.format(Locale.ROOT, "  %-34s mean %6d ms  p50 %6d ms  max %6d ms%n", what,
                ms(sum / values.length), ms(values[values.length / 2]), ms(values[values.length - 1])));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
