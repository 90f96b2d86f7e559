package io.hami.cli.runtime;

import io.hami.runtimehook.HookException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the real OCI runtime with the original arguments when {@code hami runtime} is started as a JVM directly (the
 * {@code hami} launcher instead {@code exec}s the runtime itself after the edit, so no JVM stays behind). The child
 * shares stdin, stdout and stderr, which carry the container's stdio for a non-terminal {@code create}; its exit code
 * is returned, and a termination of this JVM is passed on to it.
 */
final class RuntimeLauncher {
    /** The exit code when the runtime is not there to run: a shell's for a command it cannot find, as the launcher's. */
    static final int EXIT_NOT_FOUND = 127;

    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private RuntimeLauncher() {
    }

    /**
     * The program {@code runtime} names for a process with environment {@code env}: itself when absolute, else the first
     * executable of that name on {@code PATH}; empty when it is not an executable file.
     */
    static Optional<Path> resolve(String runtime, Map<String, String> env) {
        if (runtime.startsWith("/")) {
            var program = Path.of(runtime);
            return isExecutableFile(program) ? Optional.of(program) : Optional.empty();
        }
        for (var dir : env.getOrDefault("PATH", DEFAULT_PATH).split(File.pathSeparator)) {
            if (dir.startsWith("/") && isExecutableFile(Path.of(dir, runtime))) {
                return Optional.of(Path.of(dir, runtime));
            }
        }
        return Optional.empty();
    }

    /** Why {@code runtime} cannot be run and where to set another, the words of the {@code hami} launcher. */
    static String notFound(String runtime, Path configFile) {
        var what = runtime.startsWith("/") ? runtime + " is not an executable file" : runtime + " not found on PATH";
        return what + "; set the real runtime with \"runtime = /path/to/runtime\" in " + configFile;
    }

    private static boolean isExecutableFile(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    /** Runs {@code program} (from {@link #resolve}) with {@code args} and returns its exit code. */
    static int run(Path program, String runtime, List<String> args, Map<String, String> env) throws HookException {
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
}
