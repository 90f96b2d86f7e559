package io.hami.cli.install;

import picocli.CommandLine.Command;

/** {@code hami uninstall ...}: takes off this host what {@code hami install} put there. */
@Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Undo a hami install on this host.",
        subcommands = UninstallRuntimeCommand.class)
public final class UninstallCommand {
}
