package io.hami.runtimehook.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How containerd learns about a changed {@code config.toml}. containerd reads its config only when it starts (it
 * has no reload signal), so a new runtime handler appears after a restart; restarting containerd leaves running
 * containers running (their shims are separate processes). The default is not to restart: the installer then says
 * that containerd must be restarted, and pods with the RuntimeClass fail to start until it is.
 */
public sealed interface ContainerdRestart {

    /** Restarts containerd, or says why it could not. */
    void restart() throws InstallException;

    /** Whether this restarts anything. */
    default boolean restarts() {
        return !(this instanceof None);
    }

    /** No restart. */
    record None() implements ContainerdRestart {
        @Override
        public void restart() {
        }
    }

    /**
     * Runs a command that restarts containerd, e.g. {@code systemctl restart containerd} entered into the host's
     * namespaces through {@code nsenter} (which needs the host's PID namespace and privileges).
     */
    record Command(List<String> command) implements ContainerdRestart {
        public Command {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("restart command: empty");
            }
        }

        /** systemd's restart of {@code unit}, run in the namespaces of the host's PID 1. */
        public static Command systemd(String unit) {
            return new Command(List.of("nsenter", "--target", "1", "--mount", "--uts", "--ipc", "--net", "--pid", "--",
                    "systemctl", "restart", unit));
        }

        @Override
        public void restart() throws InstallException {
            try {
                var process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new InstallException("restarting containerd (" + String.join(" ", command)
                            + ") took more than 120 s");
                }
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (process.exitValue() != 0) {
                    throw new InstallException("restarting containerd (" + String.join(" ", command) + ") failed with "
                            + "exit code " + process.exitValue() + (out.isEmpty() ? "" : ": " + out));
                }
            } catch (IOException e) {
                throw new InstallException("cannot restart containerd (" + String.join(" ", command) + "): "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallException("interrupted while restarting containerd");
            }
        }
    }
}
