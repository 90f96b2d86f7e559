package io.hami.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.wire.WireFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of {@code device-config.yaml} as the daemons read it (docs/reliability.md): the bytes are
 * written to a file and loaded through {@link DeviceConfigLoader} (bounded read, strict UTF-8, YAML tree, binding,
 * validation). Whatever the bytes, the loader returns a configuration that encodes and decodes back to itself, or
 * fails with an {@link UntrustedInputException} or a {@link WireFormatException} whose message is one line. Seeds: the
 * chart's default file and the YAML of the codec tests.
 */
class DeviceConfigFuzzTest {

    private static final Path FILE = tempFile();

    private static Path tempFile() {
        try {
            var file = Files.createTempFile("device-config", ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void deviceConfigFile(byte[] input) throws IOException {
        Files.write(FILE, input);
        DeviceConfig config;
        try {
            config = DeviceConfigLoader.load(FILE);
        } catch (UntrustedInputException | WireFormatException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return;
        }
        var codec = DeviceConfigCodec.INSTANCE;
        try {
            assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
        } catch (WireFormatException e) {
            throw new AssertionError("cannot read back the encoding of an accepted configuration", e);
        }
    }
}
