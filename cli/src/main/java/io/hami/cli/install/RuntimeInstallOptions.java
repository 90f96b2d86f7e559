package io.hami.cli.install;

import io.hami.runtimehook.install.ContainerdRestart;
import io.hami.runtimehook.install.ContainerdSchema;
import io.hami.runtimehook.install.RuntimeInstaller;
import io.hami.cli.UserInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code hami install runtime} and {@code hami uninstall runtime} share. */
final class RuntimeInstallOptions {

    /** How containerd is made to read its changed config. */
    enum Restart { none, systemd, command }

    @Option(names = "--host-root", defaultValue = "/", paramLabel = "DIR",
            description = "Where the host's / is mounted (the installer DaemonSet mounts it at /host). Default: /.")
    Path hostRoot;

    @Option(names = "--prefix", defaultValue = "/usr/local/hami-java", paramLabel = "HOST-PATH",
            description = "Host path of the runtime: a link to the installed version; its records live in "
                    + "<prefix>.d. Default: ${DEFAULT-VALUE}.")
    Path prefix;

    @Option(names = "--containerd-config", defaultValue = "/etc/containerd/config.toml", paramLabel = "HOST-PATH",
            description = "containerd's config file (host path). Default: ${DEFAULT-VALUE}.")
    Path config;

    @Option(names = "--runtime-name", defaultValue = "hami", paramLabel = "NAME",
            description = "The containerd runtime handler (a RuntimeClass's handler). Default: ${DEFAULT-VALUE}.")
    String runtimeName;

    @Option(names = "--restart", defaultValue = "none", paramLabel = "MODE",
            description = "After changing containerd's config: none (say that containerd must be restarted), systemd "
                    + "(the host's systemctl restart of --containerd-unit, through chroot into --host-root; needs a "
                    + "privileged container) or command (run --restart-command). containerd reads its config only at "
                    + "start. When it does not restart after an install, the install is rolled back. "
                    + "Default: ${DEFAULT-VALUE}.")
    Restart restart;

    @Option(names = "--restart-command", paramLabel = "PROGRAM",
            description = "For --restart command: a program (no arguments) that restarts containerd and exits non-zero "
                    + "when containerd does not come back, e.g. on a host without systemd.")
    Path restartCommand;

    @Option(names = "--containerd-unit", defaultValue = "containerd", paramLabel = "UNIT",
            description = "The systemd unit of containerd, for --restart systemd. Default: ${DEFAULT-VALUE}.")
    String unit;

    @Option(names = "--runtime-class", paramLabel = "NAME",
            description = "Also create (install) or delete (uninstall) this RuntimeClass, whose handler is "
                    + "--runtime-name. Cluster-wide: leave it out where the Helm chart owns the RuntimeClass.")
    String runtimeClass;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig for --runtime-class (default: in-cluster service account, then ~/.kube/config).")
    Path kubeconfig;

    /** The installer's settings; {@code template} and {@code configVersion} only matter to install. */
    RuntimeInstaller.Settings settings(String template, Optional<Integer> configVersion, String command)
            throws UserInputException {
        try {
            Optional<ContainerdSchema> schema = configVersion.isEmpty() ? Optional.empty()
                    : Optional.of(ContainerdSchema.ofVersion(configVersion.get()));
            if ((restart == Restart.command) != (restartCommand != null)) {
                throw new UserInputException(command + ": --restart command and --restart-command go together");
            }
            var how = switch (restart) {
                case systemd -> ContainerdRestart.Command.systemd(unit, hostRoot);
                case command -> new ContainerdRestart.Command(List.of(restartCommand.toString()));
                case none -> new ContainerdRestart.None();
            };
            return new RuntimeInstaller.Settings(hostRoot.toAbsolutePath().normalize(), prefix, config, runtimeName,
                    template, schema, how);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(command + ": " + e.getMessage());
        } catch (io.hami.runtimehook.install.InstallException e) {
            throw new UserInputException(command + ": --config-version: " + e.getMessage());
        }
    }
}
