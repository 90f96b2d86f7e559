package io.hami.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources}. Run the tests with {@code -Dhami.golden.update=true} to
 * rewrite them from the current output, then review the diff before committing it.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertMatches(Class<?> owner, String name, String actual) {
        var resource = owner.getPackageName().replace('.', '/') + "/" + name;
        if (Boolean.getBoolean("hami.golden.update")) {
            try {
                var file = Path.of("src/test/resources").resolve(resource);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (var in = owner.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s (create it with -Dhami.golden.update=true)", resource).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
