package io.hami.runtimehook.device;

import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.wire.AsciiText;
import io.hami.model.wire.WireFormatException;
import io.hami.runtimehook.HookException;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Resolves GPU UUIDs to minor numbers from the files the NVIDIA driver keeps per GPU ({@code /proc/driver/nvidia/gpus/<PCI
 * address>/information}, lines {@code GPU UUID: GPU-…} and {@code Device Minor: N}), so that a container start does not
 * load and initialise the management library. A UUID the files do not name (a MIG instance, or a driver that keeps no
 * such files) goes to the fallback resolver, opened only then, which also answers for a UUID no one knows.
 */
public final class DriverInfoDeviceResolver implements DeviceResolver {
    /** Where the driver keeps its per-GPU directories on a host. */
    public static final String DEFAULT_DIR = "/proc/driver/nvidia/gpus";

    static final String UUID_FIELD = "GPU UUID";
    static final String MINOR_FIELD = "Device Minor";
    private static final int MAX_FILE_BYTES = 64 * 1024;
    private static final int MAX_GPUS = 1024;

    private final Path dir;
    private final Supplier<DeviceResolver> fallbacks;
    private Map<String, Integer> minors;
    private DeviceResolver fallback;

    /** A resolver over the driver's directory {@code dir} that asks a resolver from {@code fallbacks} for what it lacks. */
    public DriverInfoDeviceResolver(Path dir, Supplier<DeviceResolver> fallbacks) {
        this.dir = dir;
        this.fallbacks = fallbacks;
    }

    @Override
    public int minor(String uuid) throws HookException {
        if (minors == null) {
            minors = read();
        }
        var minor = minors.get(uuid);
        if (minor != null) {
            return minor;
        }
        if (fallback == null) {
            fallback = fallbacks.get();
        }
        return fallback.minor(uuid);
    }

    private Map<String, Integer> read() throws HookException {
        var found = new HashMap<String, Integer>();
        try (var gpus = Files.newDirectoryStream(dir)) {
            for (var gpu : gpus) {
                if (found.size() >= MAX_GPUS) {
                    throw new HookException(dir + ": more than " + MAX_GPUS + " GPUs");
                }
                var file = gpu.resolve("information");
                if (!Files.exists(file)) {
                    continue; // a directory without the file names no GPU
                }
                String text;
                try {
                    text = UntrustedFiles.readText(file, MAX_FILE_BYTES);
                } catch (UntrustedInputException e) {
                    throw new HookException(e.getMessage(), e); // names the file and what is wrong with it
                }
                parse(file, text, found);
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Map.of(); // no driver files here: everything goes to the fallback
        } catch (IOException | DirectoryIteratorException e) {
            throw new HookException(dir + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** Adds the UUID and minor of one information file to {@code found}; a file that names no UUID adds nothing. */
    static void parse(Path file, String text, Map<String, Integer> found) throws HookException {
        String uuid = null;
        String minor = null;
        for (var line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            var key = line.substring(0, colon).strip();
            if (key.equals(UUID_FIELD)) {
                uuid = line.substring(colon + 1).strip();
            } else if (key.equals(MINOR_FIELD)) {
                minor = line.substring(colon + 1).strip();
            }
        }
        if (uuid == null || uuid.isEmpty()) {
            return;
        }
        if (minor == null || !AsciiText.isDecimal(minor, 6)) {
            throw new HookException(file + ": GPU " + WireFormatException.quote(uuid) + ": " + MINOR_FIELD + ": expected a number: "
                    + (minor == null ? "missing" : WireFormatException.quote(minor)));
        }
        var before = found.put(uuid, Integer.parseInt(minor));
        if (before != null && before != Integer.parseInt(minor)) {
            throw new HookException(file + ": GPU " + WireFormatException.quote(uuid) + " is listed with minors " + before + " and " + minor);
        }
    }

    @Override
    public void close() {
        if (fallback != null) {
            fallback.close();
            fallback = null;
        }
    }
}
