package io.hami.cli.chart;

import io.hami.cli.HamiCommand;
import io.hami.cli.nodeagent.NodeAgentCommand;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The chart's {@code hami} command lines, parsed by the picocli model of {@link HamiCommand}. */
final class Invocations {

    /** The launcher in the image. */
    static final String HAMI = "/opt/hami-java/bin/hami";

    private Invocations() {
    }

    static String subcommand(List<String> commandLine) {
        return commandLine.getFirst().equals(HAMI) ? commandLine.get(1) : commandLine.getFirst();
    }

    /**
     * The commands a container's arguments run: {@code hami node-agent}'s are split into the {@code hami device-plugin}
     * and {@code hami monitor} command lines it runs in one JVM; any other is itself.
     */
    static List<List<String>> commands(List<String> commandLine) {
        var args = commandLine.getFirst().equals(HAMI) ? commandLine.subList(1, commandLine.size()) : commandLine;
        if (!args.getFirst().equals("node-agent")) {
            return List.of(args);
        }
        var rest = args.subList(1, args.size());
        int split = rest.indexOf(NodeAgentCommand.MONITOR);
        if (split < 0) {
            throw new AssertionError("hami " + String.join(" ", args) + ": no " + NodeAgentCommand.MONITOR + " part");
        }
        var plugin = new ArrayList<>(List.of("device-plugin"));
        plugin.addAll(rest.subList(0, split));
        var monitor = new ArrayList<>(List.of("monitor"));
        monitor.addAll(rest.subList(split + 1, rest.size()));
        return List.of(plugin, monitor);
    }

    /** Parses the arguments as {@code hami} would, failing with the container's path on a rejected one. */
    static void assertParses(String where, List<String> args) {
        CommandLine hami = HamiCommand.commandLine(new ByteArrayInputStream(new byte[0]));
        CommandLine.ParseResult parsed;
        try {
            parsed = hami.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(where + ": hami " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (!leaf.commandSpec().subcommands().isEmpty()) {
            throw new AssertionError(where + ": hami " + String.join(" ", args) + " names the command group "
                    + leaf.commandSpec().qualifiedName() + ", not a command");
        }
        if (!leaf.unmatched().isEmpty()) {
            throw new AssertionError(where + ": unmatched " + leaf.unmatched());
        }
    }
}
