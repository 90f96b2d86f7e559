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
        description = "hami-java: GPU sharing for Kubernetes, compatible with HAMi v2.10 and HAMi-core.",
        subcommands = {VersionCommand.class, AnnotationCommand.class, RegionCommand.class, DevicesCommand.class,
            DoctorCommand.class, DevicePluginCommand.class, MonitorCommand.class, NodeAgentCommand.class, SchedulerCommand.class,
            NodeCommand.class,
            RuntimeCommand.class, HookCommand.class, CdiCommand.class, CertsCommand.class, InstallCommand.class,
            UninstallCommand.class, DemoCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class HamiCommand implements Runnable {

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

    /** Builds the command line with hami's error handling; tests call this with their own streams. */
    public static CommandLine commandLine(InputStream stdin) {
        var cli = new CommandLine(new HamiCommand(stdin));
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(ErrorHandler::usageError);
        RuntimeCommand.configure(cli.getSubcommands().get("runtime"));
        NodeAgentCommand.configure(cli.getSubcommands().get("node-agent"));
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.in).execute(args));
    }
}
