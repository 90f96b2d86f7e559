package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami demo} and {@code hami demo race} refuse bad option values with one line naming the option, exit code
 * 2, before anything is started or written (the work directory is never made).
 */
class DemoOptionsTest {

    @TempDir
    Path tmp;

    private void refused(String expected, String... args) {
        var work = tmp.resolve("work");
        var all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("--work-dir", work.toString(), "--checkout", tmp.toString()));
        var run = CliRun.run("", all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err().strip()).isEqualTo(expected);
        assertThat(run.out()).isEmpty();
        assertThat(Files.exists(work)).isFalse();
    }

    @Test
    void demoNamesTheBadOption() {
        refused("hami demo: --nodes must be at least 1: 0", "demo", "--nodes", "0");
        refused("hami demo: --containers must be auto, region-writer, runc or containerd: docker", "demo", "--containers", "docker");
        refused("hami demo: --port must lie in 0..65535: 70000", "demo", "--port", "70000");
        refused("hami demo: --timeout must be at least 1 second: 0", "demo", "--timeout", "0");
    }

    @Test
    void raceNamesTheBadOption() {
        refused("hami demo race: --pods must be positive: 0", "demo", "race", "--pods", "0");
        refused("hami demo race: --submitters must be positive: -1", "demo", "race", "--submitters", "-1");
        refused("hami demo race: --timeout must be positive: 0", "demo", "race", "--timeout", "0");
        refused("hami demo race: need 0 <= --initial-backoff-ms <= --max-backoff-ms", "demo", "race",
                "--initial-backoff-ms", "500", "--max-backoff-ms", "100");
        refused("hami demo race: --delete-fraction must lie within 0..1: 1.5", "demo", "race", "--delete-fraction", "1.5");
    }

    @Test
    void aWorkloadThatIsNotThereIsNamed() {
        var missing = tmp.resolve("none.yaml");
        refused("hami demo: no workload at " + missing, "demo", "--pods", missing.toString());
    }
}
