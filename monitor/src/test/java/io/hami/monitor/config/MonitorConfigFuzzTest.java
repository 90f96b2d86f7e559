package io.hami.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.model.input.UntrustedInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the monitor's configuration file (docs/reliability.md): the bytes are written to a file
 * and loaded with no flags and no environment. Whatever they hold, the monitor gets a configuration or one error of
 * one line: {@link IllegalArgumentException} naming the setting, or {@link UntrustedInputException} about the file.
 * Seeds: a file setting every key, and one in the properties syntax's other forms.
 */
class MonitorConfigFuzzTest {

    private static final Path FILE = file();

    private static Path file() {
        try {
            var file = Files.createTempFile("monitor", ".properties");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void monitorConfigFile(byte[] input) throws IOException {
        Files.write(FILE, input);
        try {
            var config = MonitorConfig.load(Map.of(), Map.of(), Optional.of(FILE));
            assertThat(config.nodeName()).isNotEmpty();
        } catch (IllegalArgumentException | UntrustedInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }
}
