package io.hami.runtimehook.inject;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Fresh region file names: random version-4 UUIDs from the kernel's {@code /dev/urandom}. Read directly because
 * {@link UUID#randomUUID()} first sets up the JDK's security providers, which costs more than the whole edit of a
 * container; it remains the fallback where the device cannot be read.
 */
final class RandomIds implements Supplier<String> {

    @Override
    public String get() {
        var b = new byte[16];
        try (var in = new FileInputStream("/dev/urandom")) {
            if (in.readNBytes(b, 0, 16) != 16) {
                return UUID.randomUUID().toString();
            }
        } catch (IOException e) {
            return UUID.randomUUID().toString();
        }
        b[6] = (byte) (b[6] & 0x0f | 0x40);
        b[8] = (byte) (b[8] & 0x3f | 0x80);
        var hex = HexFormat.of().formatHex(b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
