package io.hami.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HamiCommandTest {

    @Test
    void helpListsTheCommands() {
        var run = CliRun.run("", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: hami", "version", "annotation");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aCommandLineForOneSubcommandHoldsThatOneAloneAndHelpTheWholeTree() {
        var all = HamiCommand.commandLine(InputStream.nullInputStream());
        var plugin = HamiCommand.commandLine(InputStream.nullInputStream(),
                new String[] {"device-plugin", "--node-name", "n"});
        assertThat(plugin.getSubcommands().keySet()).containsExactly("device-plugin");
        assertThat(plugin.getSubcommands().get("device-plugin").getUsageMessage())
                .isEqualTo(all.getSubcommands().get("device-plugin").getUsageMessage());
        for (var args : new String[][] {{}, {"--help"}, {"help", "monitor"}, {"device-plugn"}}) {
            assertThat(HamiCommand.commandLine(InputStream.nullInputStream(), args).getSubcommands().keySet())
                    .as(String.join(" ", args)).containsExactlyElementsOf(all.getSubcommands().keySet());
        }
    }

    @Test
    void theNodeAgentAndTheRuntimeKeepTheirParsingWhenBuiltAlone() {
        var agent = HamiCommand.commandLine(InputStream.nullInputStream(), new String[] {"node-agent"});
        assertThat(agent.getSubcommands().get("node-agent").isStopAtPositional()).isTrue();
        var runtime = HamiCommand.commandLine(InputStream.nullInputStream(), new String[] {"runtime"})
                .getSubcommands().get("runtime");
        assertThat(runtime.isUnmatchedOptionsArePositionalParams()).isTrue();
    }

    @Test
    void aMistypedSubcommandIsOneUsageError() {
        var run = CliRun.run("", "device-plugn");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains("device-plugn");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void everyCommandsSummaryInTheHelpIsOneWholeSentence() {
        assertThat(CliRun.run("", "--help").out()).isEqualTo(HamiCommand.commandLine(InputStream.nullInputStream()).getUsageMessage());
        assertSoftly(soft -> checkSummaries(soft, HamiCommand.commandLine(InputStream.nullInputStream())));
    }

    /** The command list in {@code command}'s help names every visible subcommand with one sentence; then theirs. */
    private static void checkSummaries(SoftAssertions soft, CommandLine command) {
        var visible = command.getSubcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList();
        if (visible.isEmpty()) {
            return;
        }
        var name = command.getCommandSpec().qualifiedName();
        var summaries = commandSummaries(command.getUsageMessage());
        soft.assertThat(summaries.keySet()).as("commands listed by %s --help", name).containsExactlyInAnyOrderElementsOf(visible);
        // One sentence: a capital first, a period last, and no period before a space in between ("v2.10" is fine).
        summaries.forEach((sub, summary) ->
                soft.assertThat(summary).as("summary of %s %s", name, sub).matches("[A-Z][^.]*(\\.\\S[^.]*)*\\."));
        visible.forEach(sub -> checkSummaries(soft, command.getSubcommands().get(sub)));
    }

    /** The command list of a help text: each command's summary, its wrapped lines joined. */
    private static Map<String, String> commandSummaries(String help) {
        var summaries = new LinkedHashMap<String, String>();
        var first = Pattern.compile("^  (\\S+)\\s+(\\S.*)$");
        String current = null;
        for (var line : help.substring(help.indexOf("Commands:")).lines().skip(1).toList()) {
            var m = first.matcher(line);
            if (m.matches()) {
                current = m.group(1);
                summaries.put(current, m.group(2).strip());
            } else if (current != null && line.startsWith("   ")) {
                summaries.merge(current, line.strip(), (a, b) -> a + " " + b);
            }
        }
        return summaries;
    }

    @Test
    void noArgumentsPrintsUsage() {
        var run = CliRun.run("");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: hami");
    }

    @Test
    void versionNamesTheBuildAndTheHamiFormats() {
        var run = CliRun.run("", "version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("hami-java \\d+\\.\\d+\\.\\d+")
                .contains("HAMi v2.10", "1.2", "Java 25");
        assertThat(run.out()).doesNotContain("${");
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitTwo() {
        var run = CliRun.run("", "frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("frobnicate");
    }
}
