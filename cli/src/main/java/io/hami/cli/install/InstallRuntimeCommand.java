package io.hami.cli.install;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hami.cli.UserInputException;
import io.hami.cli.deviceplugin.KubeClients;
import io.hami.runtimehook.install.InstallException;
import io.hami.runtimehook.install.RuntimeInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami install runtime}: copies this installation (JRE, jars, AOT cache, launchers) to a host prefix, adds a
 * runtime handler running its {@code bin/hami-runtime} to containerd's config, and optionally creates the
 * RuntimeClass. Run by the installer DaemonSet with the host's {@code /} mounted; idempotent.
 */
@Command(name = "runtime", mixinStandardHelpOptions = true, description = {
    "Install the hami runtime shim on this host: copy the runtime to --prefix, add a containerd runtime handler "
        + "(BinaryName <prefix>/bin/hami-runtime, the other settings copied from runc) and, if asked, create the "
        + "RuntimeClass.",
    "Running it again changes nothing; hami uninstall runtime undoes it."})
public final class InstallRuntimeCommand implements Callable<Integer> {

    /**
     * Names the installation's home when set (no launcher sets it: an override for unusual layouts); else the home is
     * found from HAMI_COMMAND, which the launcher exports ({@code <home>/bin/hami}).
     */
    static final String HOME_ENV = "HAMI_HOME";
    static final String COMMAND_ENV = "HAMI_COMMAND";

    @Mixin
    RuntimeInstallOptions options;

    @Option(names = "--source", paramLabel = "DIR", description = "The runtime tree to install (it must have "
            + "bin/hami and bin/hami-runtime). Default: this installation's home ($HAMI_HOME, else the directory above "
            + "the bin/ that holds the running launcher, else the nearest directory above the hami jar with "
            + "bin/hami-runtime).")
    Path source;

    @Option(names = "--config-version", paramLabel = "N", description = "containerd config schema for a missing or "
            + "empty config file: 2 (containerd 1.6/1.7) or 3 (containerd 2.x). A non-empty file declares its own.")
    Integer configVersion;

    @Option(names = "--copy-options-from", defaultValue = "runc", paramLabel = "RUNTIME",
            description = "The containerd runtime whose settings (SystemdCgroup, ...) the handler copies. "
                    + "Default: ${DEFAULT-VALUE}.")
    String template;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public InstallRuntimeCommand() {
        this(System.getenv());
    }

    InstallRuntimeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws UserInputException {
        var settings = options.settings(template, Optional.ofNullable(configVersion), "hami install runtime");
        var from = source != null ? source : home(env, jar());
        var out = spec.commandLine().getOut();
        try {
            var report = new RuntimeInstaller(settings).install(from, version(spec), options.runtimeClass);
            report.lines().forEach(out::println);
        } catch (InstallException e) {
            throw new UserInputException("hami install runtime: " + e.getMessage());
        } catch (IOException e) {
            throw new UserInputException("hami install runtime: " + e, 1);
        }
        if (options.runtimeClass != null) {
            try (var client = KubeClients.create(Optional.ofNullable(options.kubeconfig), Duration.ofSeconds(30))) {
                out.println(RuntimeClasses.ensure(client, options.runtimeClass, options.runtimeName));
            } catch (KubernetesClientException e) {
                throw new UserInputException("hami install runtime: RuntimeClass " + options.runtimeClass + ": "
                        + e.getMessage(), 1);
            }
        }
        out.flush();
        return 0;
    }

    /**
     * The running installation's home: {@code $HAMI_HOME}; else the parent of the launcher's {@code bin/}
     * ({@code $HAMI_COMMAND}); else the nearest directory above this command's jar that has {@code bin/hami-runtime}.
     */
    static Path home(Map<String, String> env, Optional<Path> jar) throws UserInputException {
        var home = env.get(HOME_ENV);
        if (home != null && !home.isEmpty()) {
            return Path.of(home);
        }
        var command = env.get(COMMAND_ENV);
        if (command != null && !command.isEmpty()) {
            var bin = Path.of(command).toAbsolutePath().getParent();
            if (bin != null && bin.getFileName() != null && bin.getFileName().toString().equals("bin")
                    && Files.isRegularFile(bin.resolve("hami-runtime"))) {
                return bin.getParent();
            }
        }
        for (var dir = jar.map(Path::getParent).orElse(null); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/hami-runtime")) && Files.isRegularFile(dir.resolve("bin/hami"))) {
                return dir;
            }
        }
        throw new UserInputException("hami install runtime: cannot tell which installation to copy (no " + HOME_ENV
                + ", " + COMMAND_ENV + "=" + command + " is not <home>/bin/hami beside bin/hami-runtime, and no directory "
                + "above " + jar.map(Path::toString).orElse("the jar") + " has bin/hami-runtime): pass --source DIR");
    }

    /** Where this command's classes come from, when that is a file (the jar). */
    static Optional<Path> jar() {
        try {
            var location = InstallRuntimeCommand.class.getProtectionDomain().getCodeSource().getLocation();
            var path = Path.of(location.toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The version picocli's provider reports ("hami-java 0.1.0" -> "0.1.0"). */
    static String version(CommandSpec spec) {
        var lines = spec.root().version();
        return lines.length == 0 ? "unknown" : lines[0].replaceFirst("^hami-java ", "");
    }
}
