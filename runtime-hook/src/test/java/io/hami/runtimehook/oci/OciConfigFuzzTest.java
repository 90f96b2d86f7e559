package io.hami.runtimehook.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.TestNode;
import io.hami.runtimehook.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Coverage-guided fuzzing of an OCI {@code config.json} into the shim's planner (docs/reliability.md): the bytes are
 * read as the bundle's configuration, planned against a node of four GPUs, the plan applied and the result written
 * back. Whatever the bytes, this either fails with one {@link HookException} (one line, no crash) or yields a
 * configuration the shim can read again. Seeds: the test template with containerd's and CRI-O's identities and
 * HAMi-core's variables.
 */
class OciConfigFuzzTest {

    private static final Injector INJECTOR = injector();

    private static Injector injector() {
        try {
            var node = TestNode.create(Files.createTempDirectory("oci-fuzz"));
            return new Injector(node.config(), TestNode.resolver(), node.nodes(), () -> "9b1c0000-0000-4000-8000-000000000001");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void configIntoPlanner(byte[] input) {
        try {
            var spec = RuntimeSpec.read(input, "config.json");
            var plan = INJECTOR.plan(spec);
            if (plan.isPresent()) {
                Injector.apply(spec, plan.get());
            }
            var again = RuntimeSpec.read(spec.toJson(), "config.json");
            assertThat(again.env()).isEqualTo(spec.env());
        } catch (HookException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }
}
