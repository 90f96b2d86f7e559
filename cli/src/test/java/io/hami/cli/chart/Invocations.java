package io.hami.cli.chart;

import io.hami.cli.HamiCommand;
import java.io.ByteArrayInputStream;
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
