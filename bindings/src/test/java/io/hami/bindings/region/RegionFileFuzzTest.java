package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Coverage-guided fuzzing of region files (docs/reliability.md). A region is a megabyte, more than a fuzzer's input,
 * so the input edits one: byte 0 picks the layout (v0, 1.1, 1.2) of an initialized image, bytes 1–4 the file's
 * length (0: the layout's size; otherwise shorter or a little longer, zeros past the image), and the rest are patches
 * of up to 32 bytes each, {@code offset(3 bytes) length(1 byte) bytes}. Whatever the file holds, the reader returns
 * a snapshot within the layout's bounds or fails with {@link InvalidRegionException} of one line; it never throws
 * anything else and never crashes the JVM.
 *
 * <p>The reader reads the edited bytes through an in-memory {@link java.nio.channels.FileChannel} with the same
 * positional reads and end-of-file answers a file gives, patched in place and restored after each execution:
 * writing a megabyte to a file and opening it per execution cost more than the parsing. Opening (a regular file,
 * no link followed) depends on no byte of the content and has its own tests. The seqlock's pause between retries
 * does not sleep here: nothing changes the bytes while they are read, so the retries end as they would, only
 * sooner.
 */
class RegionFileFuzzTest {

    private static final Path NAME = Path.of("/usr/local/vgpu/containers/fuzz/region.cache");
    private static final Map<RegionFormat, byte[]> IMAGES = images();
    /** Per layout: its image followed by 64 zero bytes, edited in place and restored after each execution. */
    private static final Map<RegionFormat, byte[]> WORK = work();

    private static Map<RegionFormat, byte[]> images() {
        var images = new EnumMap<RegionFormat, byte[]>(RegionFormat.class);
        for (var format : RegionFormat.values()) {
            try (var image = RegionImage.initialized(format)) {
                images.put(format, image.toBytes());
            }
        }
        return images;
    }

    private static Map<RegionFormat, byte[]> work() {
        var work = new EnumMap<RegionFormat, byte[]>(RegionFormat.class);
        IMAGES.forEach((format, image) -> work.put(format, Arrays.copyOf(image, image.length + 64)));
        return work;
    }

    @FuzzTest
    void regionFile(byte[] input) throws IOException {
        if (input.length == 0) {
            expectValidOrOneLine(new byte[0], 0);
            return;
        }
        var format = RegionFormat.values()[Byte.toUnsignedInt(input[0]) % RegionFormat.values().length];
        byte[] file = WORK.get(format);
        int length = length(input, IMAGES.get(format).length);
        var undo = new ArrayDeque<Patch>();
        try {
            patch(input, file, length, undo);
            expectValidOrOneLine(file, length);
        } finally {
            while (!undo.isEmpty()) {
                var p = undo.pop();
                System.arraycopy(p.before(), 0, file, p.offset(), p.before().length);
            }
        }
    }

    private static void expectValidOrOneLine(byte[] file, int length) throws IOException {
        RegionSnapshot snapshot;
        try (var reader = RegionReader.over(NAME, new InMemoryFileChannel(file, length),
                RegionReader.DEFAULT_SEQLOCK_RETRIES, SeqlockBackoff.DEFAULT_BUDGET_NANOS, nanos -> { })) {
            snapshot = reader.snapshot();
        } catch (InvalidRegionException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return;
        }
        assertThat(snapshot.procNum()).isBetween(0, RegionLayoutParts.SLOTS);
        assertThat(snapshot.slots().size()).isLessThanOrEqualTo(RegionLayoutParts.SLOTS);
    }

    /** Bytes 1–4: the file's length; 0 (or a short input) keeps the image's. */
    private static int length(byte[] input, int imageLength) {
        if (input.length < 5) {
            return imageLength;
        }
        int chosen = (input[1] & 0xff) << 24 | (input[2] & 0xff) << 16 | (input[3] & 0xff) << 8 | input[4] & 0xff;
        return chosen == 0 ? imageLength : Math.floorMod(chosen, imageLength + 64);
    }

    private record Patch(int offset, byte[] before) {
    }

    private static void patch(byte[] input, byte[] file, int length, ArrayDeque<Patch> undo) {
        for (int i = 5; i + 4 <= input.length && length > 0; ) {
            int offset = ((input[i] & 0xff) << 16 | (input[i + 1] & 0xff) << 8 | input[i + 2] & 0xff) % length;
            int n = Math.min((input[i + 3] & 0xff) % 33, input.length - i - 4);
            int written = Math.min(n, length - offset);
            undo.push(new Patch(offset, Arrays.copyOfRange(file, offset, offset + written)));
            System.arraycopy(input, i + 4, file, offset, written);
            i += 4 + n;
        }
    }
}
