package io.hami.runtimehook.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.runtimehook.HookException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Coverage-guided fuzzing of {@code runtime.conf} (docs/reliability.md): the bytes are written to a file only its
 * owner may write and loaded as the shim loads its configuration. Whatever the bytes, the load yields a configuration
 * or fails with one {@link HookException} of one line. Seeds: an empty file and one setting every key.
 */
class RuntimeConfFuzzTest {

    private static final Path FILE = file();

    private static Path file() {
        try {
            var file = Files.createTempFile("runtime", ".conf", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-r--r--")));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void runtimeConf(byte[] input) throws IOException {
        Files.write(FILE, input);
        try {
            var config = ConfigFile.load(Map.of(ConfigFile.CONFIG_ENV, FILE.toString()));
            assertThat(config.configFile()).contains(FILE);
        } catch (HookException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }
}
