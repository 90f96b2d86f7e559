package io.hami.cli.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import org.junit.jupiter.api.Test;

/** {@code hami node-agent}: each half of the command line goes to its own command, and a bad one is one line, exit code 2. */
class NodeAgentCommandTest {

    @Test
    void isListedAndItsHelpNamesBothHalves() {
        assertThat(CliRun.run("", "--help").out()).contains("node-agent");
        assertThat(CliRun.run("", "node-agent", "--help").out()).contains("[DEVICE-PLUGIN-OPTIONS]", "--monitor MONITOR-OPTIONS");
    }

    @Test
    void anOptionTheDevicePluginDoesNotKnowIsNamedAsItsOwn() {
        var run = CliRun.run("", "node-agent", "--node-name", "n", "--no-such-flag", "--monitor", "--node-name", "n");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami node-agent: device-plugin options: Unknown option: '--no-such-flag'\n");
    }

    @Test
    void anOptionTheMonitorDoesNotKnowIsNamedAsItsOwn() {
        // --device-split-count is the plugin's: after --monitor it is the monitor's, which has none
        var run = CliRun.run("", "node-agent", "--node-name", "n", "--monitor", "--device-split-count", "3");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).startsWith("hami node-agent: monitor options: Unknown option");
    }

    @Test
    void aMonitorSettingThatDoesNotHoldStopsTheAgentBeforeTheMonitorServes() {
        var run = CliRun.run("", "node-agent", "--node-name", "n", "--health-address", "none",
                "--monitor", "--node-name", "n", "--resync-interval", "soon");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).startsWith("hami monitor: ").doesNotContain("Exception");
    }

    @Test
    void helpInsideAHalfPointsToThatCommand() {
        var run = CliRun.run("", "node-agent", "--node-name", "n", "--monitor", "--help");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami node-agent: monitor options: --help and --version are hami monitor's own\n");
    }
}
