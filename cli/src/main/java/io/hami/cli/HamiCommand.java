package io.hami.cli;

import io.hami.cli.annotation.AnnotationCommand;
import io.hami.cli.certs.CertsCommand;
import io.hami.cli.demo.DemoCommand;
import io.hami.cli.region.RegionCommand;
import io.hami.cli.deviceplugin.DevicePluginCommand;
import io.hami.cli.devices.DevicesCommand;
import io.hami.cli.doctor.DoctorCommand;
import io.hami.cli.install.InstallCommand;
import io.hami.cli.install.UninstallCommand;
import io.hami.cli.monitor.MonitorCommand;
import io.hami.cli.node.NodeCommand;
import io.hami.cli.nodeagent.NodeAgentCommand;
import io.hami.cli.scheduler.SchedulerCommand;
import io.hami.cli.simulate.SimulateCommand;
import io.hami.cli.runtime.CdiCommand;
import io.hami.cli.runtime.HookCommand;
import io.hami.cli.runtime.RuntimeCommand;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hami} command: operator tools and the entry point of every daemon ({@code hami monitor}, ...).
 *
 * <p>Exit codes: 0 success, 1 an internal error or a request the API server failed (that one in one line), 2 invalid
 * input or usage (one line on stderr, nothing on stdout), 3 a native library is missing.
 */
@Command(name = "hami",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "hami-java: GPU sharing for Kubernetes, compatible with HAMi v2.10 and HAMi-core.")
public final class HamiCommand implements Runnable {

    /** The subcommands, in the order {@code hami --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(VersionCommand.class, AnnotationCommand.class,
            RegionCommand.class, DevicesCommand.class, DoctorCommand.class, DevicePluginCommand.class, MonitorCommand.class,
            NodeAgentCommand.class, SchedulerCommand.class, NodeCommand.class, RuntimeCommand.class, HookCommand.class,
            CdiCommand.class, CertsCommand.class, InstallCommand.class, UninstallCommand.class, DemoCommand.class,
            SimulateCommand.class, CommandLine.HelpCommand.class);

    /** Exit code for input that is not what the command expects. */
    public static final int EXIT_INVALID_INPUT = 2;

    /** Exit code when a native library the command needs (NVML, ...) cannot be used. */
    public static final int EXIT_NATIVE_UNAVAILABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;

    HamiCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** The command's standard input; subcommands read it through the root command so tests can replace it. */
    public static InputStream stdin(CommandLine.Model.CommandSpec anySpec) {
        return ((HamiCommand) anySpec.root().userObject()).stdin;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with every subcommand and hami's error handling; tests call this with their own streams. */
    public static CommandLine commandLine(InputStream stdin) {
        return commandLine(stdin, SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, the tree holds that one alone, so
     * a daemon does not keep picocli's model of every other command (their options, classes and types) for its whole
     * life; otherwise ({@code --help}, {@code help}, which describes the others, a mistyped name) every subcommand.
     */
    static CommandLine commandLine(InputStream stdin, String[] args) {
        if (args.length > 0) {
            for (var subcommand : SUBCOMMANDS) {
                if (subcommand != CommandLine.HelpCommand.class
                        && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(stdin, List.of(subcommand));
                }
            }
        }
        return commandLine(stdin);
    }

    private static CommandLine commandLine(InputStream stdin, List<Class<?>> subcommands) {
        var cli = new CommandLine(new HamiCommand(stdin));
        for (var subcommand : subcommands) {
            cli.addSubcommand(subcommand);
        }
        // After the subcommands: picocli applies these settings to the subcommands present when they are set.
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(ErrorHandler::usageError);
        Optional.ofNullable(cli.getSubcommands().get("runtime")).ifPresent(RuntimeCommand::configure);
        Optional.ofNullable(cli.getSubcommands().get("node-agent")).ifPresent(NodeAgentCommand::configure);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.in, args).execute(args));
    }
}
