package io.hami.cli.certs;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hami certs}: certificates the chart's Jobs make. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Issue and store the certificates of hami-java's HTTPS endpoints.",
        subcommands = {WebhookCertsCommand.class})
public final class CertsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
