package io.hami.model.config;

import io.hami.model.wire.WireFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads {@code device-config.yaml} from a file (the scheduler's {@code --device-config-file}, usually the
 * mounted ConfigMap). The file must be UTF-8 and at most {@link DeviceConfigCodec#MAX_CHARS} bytes.
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
     * @throws IOException         if the file cannot be read
     * @throws WireFormatException if its content is not a valid device configuration
     */
    public static DeviceConfig load(Path file) throws IOException, WireFormatException {
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trusting the size the file system reports.
            bytes = in.readNBytes(DeviceConfigCodec.MAX_CHARS + 1);
        }
        if (bytes.length > DeviceConfigCodec.MAX_CHARS) {
            throw new WireFormatException(DeviceConfigCodec.FORMAT, name,
                    "file larger than " + DeviceConfigCodec.MAX_CHARS + " bytes", null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException(DeviceConfigCodec.FORMAT, name, "not UTF-8 text", null, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            return CODEC.decode(text);
        } catch (WireFormatException e) {
            throw new WireFormatException(e.format(), name + ": " + e.field(), e.problem(), e.offending(), e);
        }
    }
}
