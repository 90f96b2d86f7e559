package io.hami.cli.install;

import picocli.CommandLine.Command;

/** {@code hami install ...}: puts a hami component onto this host. */
@Command(name = "install", mixinStandardHelpOptions = true, description = "Install a hami component on this host.",
        subcommands = InstallRuntimeCommand.class)
public final class InstallCommand {
}
