package io.hami.runtimehook.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.runtimehook.HookException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * Coverage-guided fuzzing of the CRI annotations that name a container's pod (docs/reliability.md): each input line
 * {@code key=value} is one annotation. Whatever they hold, the shim finds no identity, a valid one, or fails with one
 * {@link HookException} of one line. Seeds: containerd's and CRI-O's annotations of one container, and both at once.
 */
class CriAnnotationsFuzzTest {

    @FuzzTest
    void criAnnotations(byte[] input) {
        var annotations = new HashMap<String, String>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq >= 0) {
                annotations.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            CriAnnotations.identity(annotations).ifPresent(pod -> assertThat(pod.toString()).doesNotContain("\n"));
        } catch (HookException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }
}
