package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Coverage-guided fuzzing of region files as bytes on disk (docs/reliability.md). A region is a megabyte, more than a
 * fuzzer's input, so the input edits one: byte 0 picks the layout (v0, 1.1, 1.2) of an initialized image, bytes 1–4
 * the file's length (0: the layout's size; otherwise shorter or a little longer), and the rest are patches of up to
 * 32 bytes each, {@code offset(3 bytes) length(1 byte) bytes}. Whatever the file holds, {@link RegionReader#read}
 * returns a snapshot within the layout's bounds or fails with {@link InvalidRegionException} of one line; it never
 * throws anything else and never crashes the JVM.
 */
class RegionFileFuzzTest {

    private static final Path FILE = file();
    private static final Map<RegionFormat, byte[]> IMAGES = images();

    private static Path file() {
        try {
            var file = Files.createTempFile("region-fuzz", ".cache");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<RegionFormat, byte[]> images() {
        var images = new EnumMap<RegionFormat, byte[]>(RegionFormat.class);
        for (var format : RegionFormat.values()) {
            try (var image = RegionImage.initialized(format)) {
                images.put(format, image.toBytes());
            }
        }
        return images;
    }

    @FuzzTest
    void regionFile(byte[] input) throws IOException {
        Files.write(FILE, edit(input));
        RegionSnapshot snapshot;
        try {
            snapshot = RegionReader.read(FILE);
        } catch (InvalidRegionException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return;
        }
        assertThat(snapshot.procNum()).isBetween(0, RegionLayoutParts.SLOTS);
        assertThat(snapshot.slots().size()).isLessThanOrEqualTo(RegionLayoutParts.SLOTS);
    }

    static byte[] edit(byte[] input) {
        if (input.length == 0) {
            return input;
        }
        var formats = RegionFormat.values();
        byte[] base = IMAGES.get(formats[Byte.toUnsignedInt(input[0]) % formats.length]);
        int length = base.length;
        if (input.length >= 5) {
            int chosen = (input[1] & 0xff) << 24 | (input[2] & 0xff) << 16 | (input[3] & 0xff) << 8 | input[4] & 0xff;
            if (chosen != 0) {
                length = Math.floorMod(chosen, base.length + 64);
            }
        }
        byte[] file = Arrays.copyOf(base, length);
        for (int i = 5; i + 4 <= input.length && length > 0; ) {
            int offset = ((input[i] & 0xff) << 16 | (input[i + 1] & 0xff) << 8 | input[i + 2] & 0xff) % length;
            int n = Math.min((input[i + 3] & 0xff) % 33, input.length - i - 4);
            for (int k = 0; k < n && offset + k < length; k++) {
                file[offset + k] = input[i + 4 + k];
            }
            i += 4 + n;
        }
        return file;
    }
}
