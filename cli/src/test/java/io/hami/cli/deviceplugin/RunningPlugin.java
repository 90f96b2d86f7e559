package io.hami.cli.deviceplugin;

import io.hami.cli.HamiCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** {@code hami device-plugin} run in the background as its process would run it, its error output kept. */
final class RunningPlugin implements AutoCloseable {

    final DevicePluginCommand command;
    private final StringWriter err = new StringWriter();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final Future<Integer> exit;

    private RunningPlugin(String... args) {
        var cli = HamiCommand.commandLine(new ByteArrayInputStream(new byte[0]));
        cli.setErr(new PrintWriter(err, true));
        command = (DevicePluginCommand) cli.getSubcommands().get("device-plugin").getCommand();
        var all = new String[args.length + 1];
        all[0] = "device-plugin";
        System.arraycopy(args, 0, all, 1, args.length);
        exit = pool.submit(() -> cli.execute(all));
    }

    /** Starts {@code hami device-plugin args}. */
    static RunningPlugin start(String... args) {
        return new RunningPlugin(args);
    }

    /** Stops the plugin and answers its exit code. */
    int stop() throws Exception {
        command.stopAndWait();
        return exit.get(60, TimeUnit.SECONDS);
    }

    /** What the command wrote to its error output so far. */
    String err() {
        return err.toString();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
