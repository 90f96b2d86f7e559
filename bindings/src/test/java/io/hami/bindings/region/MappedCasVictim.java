package io.hami.bindings.region;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The access path the region package avoids, as the main class of a forked JVM: map a file, let it be
 * truncated, then compare-and-set through the mapping. In an interpreted JVM that is a SIGBUS the JVM does
 * not survive; {@link RegionTruncationTest} uses it to show that its forked-JVM check can see a crash.
 */
final class MappedCasVictim {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private MappedCasVictim() {
    }

    public static void main(String[] args) throws Exception {
        var file = Path.of(args[0]);
        try (var ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             var arena = Arena.ofConfined()) {
            var mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 16, arena);
            ch.truncate(0);
            boolean swapped = INT.compareAndSet(mapped, 8192L, 0, 1);
            System.out.println("survived " + swapped);
        }
    }
}
