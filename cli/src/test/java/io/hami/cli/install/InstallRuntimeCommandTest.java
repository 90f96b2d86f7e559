package io.hami.cli.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.cli.CliRun;
import io.hami.cli.UserInputException;
import io.hami.testfixtures.kube.Kubeconfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami install runtime} and {@code hami uninstall runtime} end to end in process: a host root of temporary
 * directories, a containerd 2.x config, and the RuntimeClass in fabric8's mock API server (CRUD mode).
 */
@EnableKubernetesMockClient(crud = true)
class InstallRuntimeCommandTest {
    private static final String CONFIG = """
            version = 3

            [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
              runtime_type = 'io.containerd.runc.v2'

              [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
                SystemdCgroup = true
            """;

    KubernetesClient client;

    @TempDir
    Path host;
    @TempDir
    Path work;
    Path source;
    Path kubeconfig;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(host.resolve("usr/local"));
        Files.createDirectories(host.resolve("etc/containerd"));
        Files.writeString(host.resolve("etc/containerd/config.toml"), CONFIG);
        source = work.resolve("opt/hami-java");
        Files.createDirectories(source.resolve("bin"));
        for (var launcher : new String[] {"hami", "hami-runtime"}) {
            var f = Files.writeString(source.resolve("bin").resolve(launcher), "#!/bin/sh\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        kubeconfig = Kubeconfigs.write(work, client.getMasterUrl().toString(), "secret");
    }

    private CliRun run(String verb, String... more) {
        var args = new java.util.ArrayList<String>();
        args.add(verb);
        args.add("runtime");
        args.addAll(java.util.List.of("--host-root", host.toString(), "--kubeconfig", kubeconfig.toString()));
        args.addAll(java.util.List.of(more));
        return CliRun.run("", args.toArray(String[]::new));
    }

    @Test
    void installsWithTheRuntimeClassAndUninstallsBoth() throws Exception {
        var install = run("install", "--source", source.toString(), "--runtime-class", "hami");
        assertThat(install.err()).isEmpty();
        assertThat(install.exitCode()).isZero();
        assertThat(install.out()).contains("installed at /usr/local/hami-java",
                "containerd config /etc/containerd/config.toml (version 3 (containerd 2.x)): runtime \"hami\" added, "
                        + "BinaryName /usr/local/hami-java/bin/hami-runtime",
                "restart it (systemctl restart containerd)", "RuntimeClass hami created (handler hami)");
        var rc = client.resources(RuntimeClass.class).withName("hami").get();
        assertThat(rc.getHandler()).isEqualTo("hami");
        assertThat(rc.getMetadata().getLabels()).containsEntry(RuntimeClasses.MANAGED_BY, RuntimeClasses.US);
        assertThat(Files.readString(host.resolve("etc/containerd/config.toml")))
                .contains("[plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.hami.options]\n"
                        + "  BinaryName = \"/usr/local/hami-java/bin/hami-runtime\"\n  SystemdCgroup = true\n");
        assertThat(Files.readString(host.resolve("usr/local/hami-java.d/install.json"))).contains("\"runtimeClass\" : \"hami\"");

        var again = run("install", "--source", source.toString(), "--runtime-class", "hami");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already installed", "unchanged", "RuntimeClass hami already exists");

        var uninstall = run("uninstall", "--runtime-class", "hami");
        assertThat(uninstall.err()).isEmpty();
        assertThat(uninstall.exitCode()).isZero();
        assertThat(uninstall.out()).contains("RuntimeClass hami deleted", "runtime \"hami\" removed",
                "runtime removed from /usr/local/hami-java");
        assertThat(client.resources(RuntimeClass.class).withName("hami").get()).isNull();
        assertThat(Files.readString(host.resolve("etc/containerd/config.toml"))).isEqualTo(CONFIG);
        assertThat(Files.exists(host.resolve("usr/local/hami-java"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(host.resolve("usr/local/hami-java.d"))).isFalse();
    }

    @Test
    void refusesARuntimeClassWithAnotherHandlerAndLeavesOneItDidNotCreate() {
        client.resources(RuntimeClass.class).resource(new RuntimeClassBuilder().withNewMetadata().withName("hami")
                .endMetadata().withHandler("kata").build()).create();
        var install = run("install", "--source", source.toString(), "--runtime-class", "hami");
        assertThat(install.exitCode()).isEqualTo(2);
        assertThat(install.err()).isEqualTo("hami install runtime: RuntimeClass hami exists with handler kata, not hami; "
                + "delete it or choose another --runtime-class\n");

        var uninstall = run("uninstall", "--runtime-class", "hami");
        assertThat(uninstall.exitCode()).isEqualTo(2);
        assertThat(uninstall.err()).isEqualTo("hami uninstall runtime: RuntimeClass hami was not created by hami install "
                + "runtime (no label app.kubernetes.io/managed-by=hami-install-runtime); left as it is\n");
        assertThat(client.resources(RuntimeClass.class).withName("hami").get()).isNotNull();
    }

    @Test
    void aRefusalIsOneLineAndExitTwo() throws Exception {
        Files.writeString(host.resolve("etc/containerd/config.toml"), "[plugins.cri]\n");
        var install = run("install", "--source", source.toString());
        assertThat(install.exitCode()).isEqualTo(2);
        assertThat(install.out()).isEmpty();
        assertThat(install.err()).startsWith("hami install runtime: containerd config /etc/containerd/config.toml is "
                + "schema version 1").doesNotContain("\tat ");

        var badName = run("install", "--source", source.toString(), "--runtime-name", "Hami_1");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).isEqualTo("hami install runtime: runtime name: not a DNS label (lower-case letters, "
                + "digits and '-', at most 63): Hami_1\n");

        var badVersion = run("install", "--source", source.toString(), "--config-version", "1");
        assertThat(badVersion.exitCode()).isEqualTo(2);
        assertThat(badVersion.err()).isEqualTo("hami install runtime: --config-version: containerd config version 1 is "
                + "not supported: use 2 (containerd 1.6/1.7) or 3 (containerd 2.x)\n");
    }

    @Test
    void restartsContainerdWithTheGivenProgramAndRollsBackWhenItDoesNotComeBack() throws Exception {
        var restarts = work.resolve("restarts");
        var restart = Files.writeString(work.resolve("restart"), "#!/bin/sh\necho restart >> " + restarts + "\n");
        Files.setPosixFilePermissions(restart, PosixFilePermissions.fromString("rwxr-xr-x"));
        var install = run("install", "--source", source.toString(), "--restart", "command", "--restart-command", restart.toString());
        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(install.out()).contains("containerd restarted");
        assertThat(Files.readAllLines(restarts)).hasSize(1);
        assertThat(run("uninstall", "--restart", "command", "--restart-command", restart.toString()).exitCode()).isZero();
        assertThat(Files.readString(host.resolve("etc/containerd/config.toml"))).isEqualTo(CONFIG);

        var refusing = Files.writeString(work.resolve("refusing"), "#!/bin/sh\n! grep -q 'runtimes.hami]' "
                + host.resolve("etc/containerd/config.toml") + " || { echo 'containerd exited at start' >&2; exit 1; }\n");
        Files.setPosixFilePermissions(refusing, PosixFilePermissions.fromString("rwxr-xr-x"));
        var rolledBack = run("install", "--source", source.toString(), "--restart", "command", "--restart-command", refusing.toString());
        assertThat(rolledBack.exitCode()).isEqualTo(2);
        assertThat(rolledBack.err()).startsWith("hami install runtime: containerd did not restart with runtime \"hami\" added; "
                + "rolled back (").endsWith("containerd exited at start\n");
        assertThat(rolledBack.err().lines()).hasSize(1);
        assertThat(Files.readString(host.resolve("etc/containerd/config.toml"))).isEqualTo(CONFIG);
        assertThat(host.resolve("usr/local/hami-java.d")).doesNotExist();

        var alone = run("install", "--source", source.toString(), "--restart-command", restart.toString());
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).isEqualTo("hami install runtime: --restart command and --restart-command go together\n");
    }

    @Test
    void findsTheInstallationHomeFromItsLauncherOrItsJar() throws Exception {
        var none = java.util.Optional.<Path>empty();
        assertThat(InstallRuntimeCommand.home(Map.of("HAMI_COMMAND", source.resolve("bin/hami").toString()), none))
                .isEqualTo(source);
        assertThat(InstallRuntimeCommand.home(Map.of("HAMI_HOME", "/opt/hami-java", "HAMI_COMMAND", "/x/hami"), none))
                .isEqualTo(Path.of("/opt/hami-java"));
        var jar = Files.createDirectories(source.resolve("lib/app")).resolve("hami-cli.jar");
        Files.writeString(jar, "jar");
        assertThat(InstallRuntimeCommand.home(Map.of("HAMI_COMMAND", "/src/hami-java/hami"), java.util.Optional.of(jar)))
                .isEqualTo(source);
        Assertions.assertThatThrownBy(() -> InstallRuntimeCommand.home(Map.of("HAMI_COMMAND", "/src/hami-java/hami"),
                        java.util.Optional.of(Path.of("/src/hami-java/cli/target/hami-cli.jar"))))
                .isInstanceOf(UserInputException.class)
                .hasMessage("hami install runtime: cannot tell which installation to copy (no HAMI_HOME, "
                        + "HAMI_COMMAND=/src/hami-java/hami is not <home>/bin/hami beside bin/hami-runtime, and no "
                        + "directory above /src/hami-java/cli/target/hami-cli.jar has bin/hami-runtime): pass --source DIR");
    }

    @Test
    void bothCommandsAreListedAndNeedTheirSubcommand() {
        assertThat(CliRun.run("", "--help").out()).contains("install", "uninstall");
        var bare = CliRun.run("", "install");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(CliRun.run("", "install", "runtime", "--help").out()).contains("--host-root", "--prefix",
                "--containerd-config", "--runtime-name", "--restart", "--restart-command", "--runtime-class", "--source",
                "--config-version", "--copy-options-from");
    }
}
