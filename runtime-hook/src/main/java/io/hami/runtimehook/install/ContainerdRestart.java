package io.hami.runtimehook.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
     * Runs a command that restarts containerd, e.g. the host's own {@code systemctl restart containerd} run from an
     * installer container through {@code chroot} into the host's root.
     */
    record Command(List<String> command) implements ContainerdRestart {
        public Command {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("restart command: empty");
            }
        }

        /**
         * systemd's restart of {@code unit}: the host's {@code systemctl}, run in the host's root when that is
         * mounted elsewhere. It reaches PID 1 through the host's {@code /run/systemd} socket, so it needs a
         * privileged container but no tools in the image besides coreutils' {@code env} and {@code chroot};
         * systemctl ignores requests when it thinks it runs in a chroot (it compares its root with PID 1's, which
         * differ without hostPID), which {@code SYSTEMD_IGNORE_CHROOT=1} turns off.
         */
        public static Command systemd(String unit, Path hostRoot) {
            var restart = List.of("systemctl", "restart", unit);
            if (hostRoot.toAbsolutePath().normalize().getNameCount() == 0) {
                return new Command(restart);
            }
            var chrooted = new java.util.ArrayList<>(List.of("env", "SYSTEMD_IGNORE_CHROOT=1", "chroot",
                    hostRoot.toAbsolutePath().normalize().toString()));
            chrooted.addAll(restart);
            return new Command(chrooted);
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
