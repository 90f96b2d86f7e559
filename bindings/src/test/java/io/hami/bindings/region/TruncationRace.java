package io.hami.bindings.region;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A container that keeps truncating and restoring its region while the node side reads and writes it. Run
 * in-process by {@link RegionTruncationTest} and as the main class of a forked interpreted JVM, where a
 * fault on a mapping would kill the process: prints one line of counts and exits 0 when the JVM survived.
 */
final class TruncationRace {
    record Outcome(int snapshots, int rejectedReads, int cutShort, int writes, int rejectedWrites, int truncations) {
    }

    private TruncationRace() {
    }

    /**
     * Races for at least {@code minMillis}, then on until a read was cut short by a truncation (the event the
     * tests look for, which a loaded machine may take longer to hit), but never past {@code maxMillis}.
     */
    static Outcome run(Path file, long minMillis, long maxMillis) throws Exception {
        byte[] full;
        try (var image = RegionImage.initialized(RegionFormat.V1_2)) {
            image.procNum(8);
            for (int s = 0; s < 8; s++) {
                image.slot(s, 100 + s, 0, 1).seqlock(s, 2).used(s, 0, 0, 0, 1 << 20, 1 << 20);
            }
            full = image.toBytes();
        }
        restore(file, full);
        var stop = new AtomicBoolean();
        var truncations = new int[1];
        var container = Thread.ofPlatform().start(() -> {
            var random = new SplittableRandom(42);
            try (var ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                while (!stop.get()) {
                    ch.truncate(random.nextLong(full.length));
                    truncations[0]++;
                    Thread.onSpinWait();
                    ch.write(ByteBuffer.wrap(full), 0);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        int snapshots = 0;
        int rejectedReads = 0;
        int cutShort = 0;
        int writes = 0;
        int rejectedWrites = 0;
        long start = System.nanoTime();
        long min = start + minMillis * 1_000_000;
        long max = start + maxMillis * 1_000_000;
        try (var reader = RegionReader.open(file); var writer = RegionWriter.open(file)) {
            for (long now = start; now < max && (now < min || cutShort == 0); now = System.nanoTime()) {
                try {
                    reader.snapshot();
                    snapshots++;
                } catch (InvalidRegionException e) {
                    rejectedReads++;
                    if (e.getMessage().startsWith("truncated while reading")) {
                        cutShort++;
                    }
                }
                try {
                    writer.putRecentKernelRelease(snapshots & 1);
                    writes++;
                } catch (InvalidRegionException e) {
                    rejectedWrites++;
                }
            }
        } finally {
            stop.set(true);
            container.join();
        }
        return new Outcome(snapshots, rejectedReads, cutShort, writes, rejectedWrites, truncations[0]);
    }

    private static void restore(Path file, byte[] full) throws IOException {
        try (var ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(full), 0);
        }
    }

    public static void main(String[] args) throws Exception {
        var outcome = run(Path.of(args[0]), Long.parseLong(args[1]), Long.parseLong(args[2]));
        System.out.println("survived " + outcome);
    }
}
