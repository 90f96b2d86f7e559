package io.hami.model.config;

import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.wire.WireFormatException;

import java.nio.file.Path;

/**
 * Loads {@code device-config.yaml} from a file (the scheduler's and the device plugin's
 * {@code --device-config-file}, usually the mounted ConfigMap), read through {@link UntrustedFiles}: a regular
 * file of UTF-8 text, at most {@link DeviceConfigCodec#MAX_CHARS} bytes.
 *
 * <p>Format errors name the file in front of the YAML path:
 * {@code device-config: /device-config.yaml: nvidia.memoryFactor (line 9, column 21): must be at least 1: "0"}.
 */
public final class DeviceConfigLoader {

    private static final DeviceConfigCodec CODEC = DeviceConfigCodec.INSTANCE;

    private DeviceConfigLoader() {
    }

    /**
     * Reads, decodes and validates the file.
     *
     * @throws UntrustedInputException if the file is missing, not a regular file, too large or not UTF-8
     * @throws WireFormatException     if its content is not a valid device configuration
     */
    public static DeviceConfig load(Path file) throws UntrustedInputException, WireFormatException {
        return decode(file, UntrustedFiles.readBytes(file, DeviceConfigCodec.MAX_CHARS));
    }

    /**
     * Decodes and validates {@code content}, read from {@code file}, exactly as {@link #load} does after its read
     * (strict UTF-8, byte order mark dropped, errors naming {@code file}); the fuzz target feeds it from memory.
     *
     * @throws UntrustedInputException if the content is not UTF-8
     * @throws WireFormatException     if it is not a valid device configuration
     */
    public static DeviceConfig decode(Path file, byte[] content) throws UntrustedInputException, WireFormatException {
        String text = UntrustedFiles.text(content, file.toString());
        try {
            return CODEC.decode(text);
        } catch (WireFormatException e) {
            throw new WireFormatException(e.format(), file + ": " + e.field(), e.problem(), e.offending(), e);
        }
    }
}
