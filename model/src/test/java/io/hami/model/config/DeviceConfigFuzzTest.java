package io.hami.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.wire.WireFormatException;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of {@code device-config.yaml} as the daemons read it (docs/reliability.md): the bytes are
 * the file's content, decoded by {@link DeviceConfigLoader#decode} exactly as {@link DeviceConfigLoader#load} does
 * after its bounded read (strict UTF-8, YAML tree, binding, validation, errors naming the file). The read itself
 * depends on no byte of the content and has its own tests; leaving it out keeps a file write and open out of every
 * execution. Whatever the bytes, the loader returns a configuration that encodes and decodes back to itself, or
 * fails with an {@link UntrustedInputException} or a {@link WireFormatException} whose message is one line. Seeds:
 * the chart's default file cut into its sections (each a valid file of its own, none over 1 KiB) and the YAML of the
 * codec tests. {@code scripts/fuzz.sh} caps inputs at 1 KiB: a decode costs in proportion to the length, and with the
 * whole chart file (6.5 KB) as a seed libFuzzer let inputs grow to that size; every key and shape of the format fits
 * in 1 KiB. The whole file is read by {@code DeviceConfigCodecTest}.
 */
class DeviceConfigFuzzTest {

    private static final Path FILE = Path.of("/etc/hami/device-config.yaml");

    @FuzzTest
    void deviceConfigFile(byte[] input) {
        DeviceConfig config;
        try {
            config = DeviceConfigLoader.decode(FILE, input);
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
