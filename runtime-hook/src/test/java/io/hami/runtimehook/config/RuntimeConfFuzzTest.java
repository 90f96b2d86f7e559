package io.hami.runtimehook.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.runtimehook.HookException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of {@code runtime.conf} (docs/reliability.md): the bytes are the file's content, parsed and
 * built into a configuration as {@link ConfigFile#load} does once the file's owner and mode were checked and its
 * bytes read. Those checks and the read depend on no byte of the content and have their own tests; leaving them out
 * keeps a file write and open out of every execution. Whatever the bytes, the load yields a configuration or fails
 * with one {@link HookException} of one line. Seeds: an empty file and one setting every key.
 */
class RuntimeConfFuzzTest {

    private static final Path FILE = Path.of("/etc/hami/runtime.conf");

    @FuzzTest
    void runtimeConf(byte[] input) {
        try {
            var config = ConfigFile.build(ConfigFile.parse(FILE, input), Map.of(ConfigFile.CONFIG_ENV, FILE.toString()),
                    Optional.of(FILE));
            assertThat(config.configFile()).contains(FILE);
        } catch (HookException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }
}
