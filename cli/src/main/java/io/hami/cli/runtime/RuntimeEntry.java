package io.hami.cli.runtime;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.ConfigFile;
import io.hami.runtimehook.config.RuntimeHookConfig;
import io.hami.runtimehook.device.DeviceNodeLookup;
import io.hami.runtimehook.device.DeviceResolver;
import io.hami.runtimehook.device.DriverInfoDeviceResolver;
import io.hami.runtimehook.device.NvmlDeviceResolver;
import io.hami.runtimehook.hook.CreateRuntimeHook;
import io.hami.runtimehook.oci.OciJson;
import io.hami.runtimehook.shim.RuntimeArgs;
import io.hami.runtimehook.shim.RuntimeLog;
import io.hami.runtimehook.shim.RuntimeShim;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The two commands that run on every container start, {@code hami runtime …} and {@code hami hook createRuntime},
 * without picocli or a logging backend: {@code main} comes here before it builds the command tree, so a container
 * start loads only the classes these need. Errors are one line on stderr (and, for the runtime, in its {@code --log});
 * exit 2 when the container is refused, 127 when the real runtime is not there (as the launcher), 1 on an internal
 * error.
 */
public final class RuntimeEntry {
    /** The first argument by which the launcher asks for the edit alone; it then runs the real runtime itself. */
    public static final String EDIT_ONLY = "--edit-only";

    private RuntimeEntry() {
    }

    /** Whether {@code args} name one of the commands handled here ({@code hook createRuntime} exactly: with more, picocli answers). */
    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("runtime")
                || args.length == 2 && args[0].equals("hook") && args[1].equals("createRuntime");
    }

    /** Runs {@code args} (starting with {@code runtime} or {@code hook}) and returns the exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintWriter err) {
        if (args[0].equals("hook")) {
            return hook(env, stdin, err);
        }
        boolean editOnly = args.length > 1 && args[1].equals(EDIT_ONLY);
        var rest = new ArrayList<String>(args.length);
        for (int i = editOnly ? 2 : 1; i < args.length; i++) {
            rest.add(args[i]);
        }
        return runtime(rest, editOnly, env, err);
    }

    static int runtime(List<String> runtimeArgs, boolean editOnly, Map<String, String> env, PrintWriter err) {
        var args = RuntimeArgs.parse(runtimeArgs);
        RuntimeHookConfig config;
        Optional<Path> program = Optional.empty();
        try {
            config = ConfigFile.load(env);
            if (!editOnly) { // before the edit: a container the runtime cannot create keeps its config.json
                program = RuntimeLauncher.resolve(config.runtime(), env);
                if (program.isEmpty()) {
                    return fail(args, "hami runtime: " + RuntimeLauncher.notFound(config.runtime(), ConfigFile.path(env)),
                            RuntimeLauncher.EXIT_NOT_FOUND, err);
                }
            }
            if (args.createsContainer()) {
                new RuntimeShim(config, DeviceNodeLookup.fileSystem(), new Resolvers(config, true)).prepare(args);
            }
        } catch (HookException e) {
            return fail(args, "hami runtime: " + e.getMessage(), 2, err);
        } catch (RuntimeException e) {
            return fail(args, "hami runtime: internal error: " + HookException.oneLine(e.toString()), 1, err);
        }
        if (editOnly) {
            return 0;
        }
        try {
            return RuntimeLauncher.run(program.orElseThrow(), config.runtime(), runtimeArgs, env);
        } catch (HookException e) {
            return fail(args, "hami runtime: " + e.getMessage(), 2, err);
        }
    }

    /**
     * The shim's device resolvers: the driver's files first ({@code driverFiles}), with NVML, opened only when needed,
     * behind them. A class rather than two lambdas: every container start makes them (docs/performance.md).
     */
    private static final class Resolvers implements Supplier<DeviceResolver> {
        private final RuntimeHookConfig config;
        private final boolean driverFiles;

        Resolvers(RuntimeHookConfig config, boolean driverFiles) {
            this.config = config;
            this.driverFiles = driverFiles;
        }

        @Override
        public DeviceResolver get() {
            return driverFiles ? new DriverInfoDeviceResolver(config.driverInfoDir(), new Resolvers(config, false))
                    : NvmlDeviceResolver.open(config.nvmlLibrary());
        }
    }

    private static int fail(RuntimeArgs args, String line, int code, PrintWriter err) {
        err.println(line);
        err.flush();
        RuntimeLog.error(args, line, Clock.systemUTC().instant());
        return code;
    }

    static int hook(Map<String, String> env, InputStream stdin, PrintWriter err) {
        try {
            var config = ConfigFile.load(env);
            new CreateRuntimeHook(config, DeviceNodeLookup.fileSystem(), Clock.systemUTC()).run(readBounded(stdin));
            return 0;
        } catch (HookException e) {
            err.println("hami hook createRuntime: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("hami hook createRuntime: internal error: " + HookException.oneLine(e.toString()));
            return 1;
        } finally {
            err.flush();
        }
    }

    private static byte[] readBounded(InputStream in) throws HookException {
        try {
            var bytes = in.readNBytes(OciJson.MAX_BYTES + 1);
            if (bytes.length > OciJson.MAX_BYTES) {
                throw new HookException("container state: larger than " + OciJson.MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new HookException("container state: cannot read stdin: " + e.getMessage(), e);
        }
    }
}
