package io.hami.cli.nodeagent;

import io.hami.cli.UserInputException;
import io.hami.cli.deviceplugin.DevicePluginCommand;
import io.hami.cli.monitor.MonitorCommand;
import io.hami.monitor.MonitorDaemon;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hami node-agent}: the device plugin and the node monitor of one node in one JVM, so that a node pays for one
 * heap, one JIT and one copy of the shared classes instead of two. The arguments before {@link #MONITOR} are
 * {@code hami device-plugin}'s, those after it {@code hami monitor}'s, each read by that command's own options (and
 * environment variables) exactly as when it runs alone; {@code hami device-plugin} and {@code hami monitor} stay.
 * The monitor starts first, then the plugin runs until SIGTERM or SIGINT; both stop then. An option either command does
 * not know stops the agent before anything started, a setting that does not hold when its command starts (exit code 2).
 */
@Command(name = "node-agent", mixinStandardHelpOptions = true,
        description = {"Run the device plugin and the node monitor in one process: hami node-agent [DEVICE-PLUGIN-OPTIONS] "
                + "[--monitor MONITOR-OPTIONS].",
            "The options are those of hami device-plugin and hami monitor (see their --help); each reads its environment "
                    + "variables as when it runs alone. Stops on SIGTERM or SIGINT."})
public final class NodeAgentCommand implements Callable<Integer> {
    /** The argument that ends the device plugin's options and starts the monitor's. */
    public static final String MONITOR = "--monitor";

    @Parameters(paramLabel = "OPTIONS", arity = "0..*",
            description = "hami device-plugin's options, then " + MONITOR + " and hami monitor's options.")
    List<String> args = new ArrayList<>();

    /**
     * Lets the two commands' options through as arguments: node-agent has none of its own but a leading --help or
     * --version; from the first other argument on, everything is the commands'.
     */
    public static void configure(CommandLine nodeAgent) {
        nodeAgent.setUnmatchedOptionsArePositionalParams(true);
        nodeAgent.setStopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        int split = args.indexOf(MONITOR);
        var pluginArgs = split < 0 ? args : args.subList(0, split);
        var monitorArgs = split < 0 ? List.<String>of() : args.subList(split + 1, args.size());
        var plugin = parse(new DevicePluginCommand(), pluginArgs, "device-plugin");
        var monitor = parse(new MonitorCommand(), monitorArgs, "monitor");
        MonitorDaemon daemon = monitor.start();
        var closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                daemon.close();
            }
        };
        // The plugin's own shutdown hook stops it; this one stops the monitor beside it.
        var hook = Thread.ofPlatform().name("hami-node-agent-shutdown").unstarted(close);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return plugin.call();
        } finally {
            close.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook ran, or runs, close once
            }
        }
    }

    private static <T> T parse(T command, List<String> args, String name) throws UserInputException {
        var line = new CommandLine(command);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserInputException("hami node-agent: " + name + " options: " + e.getMessage());
        }
        if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
            throw new UserInputException("hami node-agent: " + name + " options: --help and --version are hami " + name + "'s own");
        }
        return command;
    }
}
