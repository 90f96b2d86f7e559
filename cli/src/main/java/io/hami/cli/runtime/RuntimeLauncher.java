package io.hami.cli.runtime;

import io.hami.runtimehook.HookException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real OCI runtime with the original arguments when {@code hami runtime} is started as a JVM directly (the
 * {@code hami} launcher instead {@code exec}s the runtime itself after the edit, so no JVM stays behind). The child
 * shares stdin, stdout and stderr, which carry the container's stdio for a non-terminal {@code create}; its exit code
 * is returned, and a termination of this JVM is passed on to it.
 */
final class RuntimeLauncher {

    private RuntimeLauncher() {
    }

    static int run(String runtime, List<String> args, Map<String, String> env) throws HookException {
        var program = resolve(runtime, env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        var self = env.get("HAMI_COMMAND");
        try {
            if (self != null && !self.isEmpty() && Files.isSameFile(program, Path.of(self))) {
                throw new HookException("runtime " + runtime + " is this shim itself; configure the real runtime");
            }
        } catch (IOException e) {
            // a launcher that vanished cannot be the runtime
        }
        var command = new ArrayList<String>();
        command.add(program.toString());
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new HookException("cannot start runtime " + program + ": " + e.getMessage(), e);
        }
        var forward = new Thread(process::destroy);
        Runtime.getRuntime().addShutdownHook(forward);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(forward);
            } catch (IllegalStateException e) {
                // already shutting down: the hook forwards the termination
            }
        }
    }

    /** {@code runtime} as a path: itself when absolute, else the first executable of that name in {@code path}. */
    static Path resolve(String runtime, String path) throws HookException {
        if (runtime.startsWith("/")) {
            return Path.of(runtime);
        }
        for (var dir : path.split(File.pathSeparator)) {
            if (dir.startsWith("/")) {
                var candidate = Path.of(dir, runtime);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new HookException("runtime " + runtime + ": not found in PATH");
    }
}
