package io.hami.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.model.input.UntrustedInputException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the monitor's configuration file (docs/reliability.md): the bytes are the file's content,
 * read as {@link MonitorConfig#load(Map, Map, java.util.Optional)} reads it after its bounded read, with no flags and
 * no environment. The read depends on no byte of the content and has its own tests; leaving it out keeps a file write
 * and open out of every execution. Whatever the bytes hold, the monitor gets a configuration or one error of one
 * line: {@link IllegalArgumentException} naming the setting, or {@link UntrustedInputException} about the file.
 * Seeds: a file setting every key, and one in the properties syntax's other forms.
 */
class MonitorConfigFuzzTest {

    private static final Path FILE = Path.of("/etc/hami/monitor.properties");

    @FuzzTest
    void monitorConfigFile(byte[] input) throws UntrustedInputException {
        try {
            var config = MonitorConfig.load(Map.of(), Map.of(), FILE, input);
            assertThat(config.nodeName()).isNotEmpty();
        } catch (IllegalArgumentException | UntrustedInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }
}
