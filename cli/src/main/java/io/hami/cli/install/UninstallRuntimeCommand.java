package io.hami.cli.install;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hami.cli.UserInputException;
import io.hami.cli.deviceplugin.KubeClients;
import io.hami.runtimehook.install.InstallException;
import io.hami.runtimehook.install.RuntimeInstaller;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami uninstall runtime}: takes the runtime handler out of containerd's config (the other bytes stay as they
 * are), removes the runtime from the prefix, and deletes the RuntimeClass when asked and when it carries our label.
 */
@Command(name = "runtime", mixinStandardHelpOptions = true, description = {
    "Undo hami install runtime on this host: remove the containerd runtime handler it added, the runtime under "
        + "--prefix and its records, and, if asked, the RuntimeClass.",
    "Stop the pods that use the handler first: containerd runs the handler's binary to stop their containers."})
public final class UninstallRuntimeCommand implements Callable<Integer> {

    @Mixin
    RuntimeInstallOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws UserInputException {
        var settings = options.settings("runc", Optional.empty(), "hami uninstall runtime");
        var out = spec.commandLine().getOut();
        if (options.runtimeClass != null) {
            try (var client = KubeClients.create(Optional.ofNullable(options.kubeconfig), Duration.ofSeconds(30))) {
                out.println(RuntimeClasses.delete(client, options.runtimeClass));
            } catch (KubernetesClientException e) {
                throw new UserInputException("hami uninstall runtime: RuntimeClass " + options.runtimeClass + ": "
                        + e.getMessage(), 1);
            }
        }
        try {
            var report = new RuntimeInstaller(settings).uninstall();
            report.lines().forEach(out::println);
        } catch (InstallException e) {
            throw new UserInputException("hami uninstall runtime: " + e.getMessage());
        } catch (IOException e) {
            throw new UserInputException("hami uninstall runtime: " + e, 1);
        }
        out.flush();
        return 0;
    }
}
