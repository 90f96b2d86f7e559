package io.hami.runtimehook.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Install and uninstall on a host root made of temporary directories: the runtime tree switched through its link,
 * containerd's config edited and restored byte for byte, refusals that leave the host as it was, and the restart
 * command run (a real process) only when the config changed.
 */
class RuntimeInstallerTest {
    static final Path PREFIX = Path.of("/usr/local/hami-java");
    static final Path CONFIG = Path.of("/etc/containerd/config.toml");

    @TempDir
    Path host;
    @TempDir
    Path work;
    Path source;
    Path restarts;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(host.resolve("usr/local"));
        Files.createDirectories(host.resolve("etc/containerd"));
        Files.writeString(host.resolve("etc/containerd/config.toml"), ContainerdConfigEditorTest.sample("v1.7-nvidia.toml"));
        source = tree(work.resolve("image"), "1");
        restarts = work.resolve("restarts");
    }

    /** A runtime tree like the image's: launchers, a jar, the JRE's binary and a relative link. */
    static Path tree(Path dir, String version) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("jre/bin"));
        script(dir.resolve("bin/hami"), "#!/bin/sh\necho hami " + version + "\n");
        script(dir.resolve("bin/hami-runtime"), "#!/bin/sh\nexec \"${0%/*}/hami\" runtime \"$@\"\n");
        script(dir.resolve("jre/bin/java"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("lib/hami-cli.jar"), "jar " + version);
        Files.createSymbolicLink(dir.resolve("bin/java"), Path.of("../jre/bin/java"));
        return dir;
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private RuntimeInstaller installer(ContainerdRestart restart, Optional<ContainerdSchema> version) {
        return new RuntimeInstaller(new RuntimeInstaller.Settings(host, PREFIX, CONFIG, "hami", "runc", version, restart));
    }

    private RuntimeInstaller installer() {
        return installer(new ContainerdRestart.Command(List.of("sh", "-c", "echo restart >> " + restarts)),
                Optional.empty());
    }

    private long restartCount() throws IOException {
        return Files.exists(restarts) ? Files.readAllLines(restarts).size() : 0;
    }

    /** Every path under the host root with its kind and content: what "left as it was" means. */
    private Map<String, String> snapshot() throws IOException {
        var out = new TreeMap<String, String>();
        try (Stream<Path> s = Files.walk(host)) {
            for (var p : s.toList()) {
                String v = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? "dir" : Files.readString(p) + " " + PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(p));
                out.put(host.relativize(p).toString(), v);
            }
        }
        return out;
    }

    @Test
    void installsTheTreeAndHandlerAndUninstallLeavesTheHostAsItWas() throws Exception {
        var before = snapshot();
        var report = installer().install(source, "0.1.0", null);

        var prefix = host.resolve("usr/local/hami-java");
        assertThat(Files.isSymbolicLink(prefix)).isTrue();
        assertThat(Files.readSymbolicLink(prefix).toString()).isEqualTo("hami-java.d/versions/" + report.manifest().tree());
        assertThat(Files.readString(prefix.resolve("lib/hami-cli.jar"))).isEqualTo("jar 1");
        assertThat(Files.isExecutable(prefix.resolve("bin/hami-runtime"))).isTrue();
        assertThat(Files.readSymbolicLink(prefix.resolve("bin/java"))).isEqualTo(Path.of("../jre/bin/java"));
        var config = Files.readString(host.resolve("etc/containerd/config.toml"));
        assertThat(config).contains("BinaryName = \"/usr/local/hami-java/bin/hami-runtime\"");
        assertThat(Files.readString(host.resolve("usr/local/hami-java.d/containerd-config.before")))
                .isEqualTo(ContainerdConfigEditorTest.sample("v1.7-nvidia.toml"));
        assertThat(report.configChanged()).isTrue();
        assertThat(report.lines()).contains("containerd restarted");
        assertThat(restartCount()).isEqualTo(1);
        assertThat(installer().manifest()).hasValue(report.manifest());

        var gone = installer().uninstall();
        assertThat(gone.configChanged()).isTrue();
        assertThat(restartCount()).isEqualTo(2);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aSecondInstallOfTheSameTreeCopiesNothingAndDoesNotRestart() throws Exception {
        installer().install(source, "0.1.0", null);
        var config = Files.readString(host.resolve("etc/containerd/config.toml"));
        var again = installer().install(source, "0.1.0", null);
        assertThat(again.configChanged()).isFalse();
        assertThat(again.lines().getFirst()).contains("already installed at /usr/local/hami-java");
        assertThat(Files.readString(host.resolve("etc/containerd/config.toml"))).isEqualTo(config);
        assertThat(restartCount()).isEqualTo(1);
    }

    @Test
    void aNewTreeIsSwitchedToAndThePreviousOneKeptUntilTheNextSwitch() throws Exception {
        var first = installer().install(source, "0.1.0", null).manifest().tree();
        var second = installer().install(tree(work.resolve("image2"), "2"), "0.2.0", null);
        var versions = host.resolve("usr/local/hami-java.d/versions");
        assertThat(second.lines().getFirst()).endsWith("(was " + first + ")");
        assertThat(Files.readString(host.resolve("usr/local/hami-java/lib/hami-cli.jar"))).isEqualTo("jar 2");
        assertThat(names(versions)).containsExactlyInAnyOrder(first, second.manifest().tree());
        assertThat(second.configChanged()).as("same prefix, same handler").isFalse();

        var third = installer().install(tree(work.resolve("image3"), "3"), "0.3.0", null).manifest().tree();
        assertThat(names(versions)).containsExactlyInAnyOrder(second.manifest().tree(), third);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void aReadOnlyConfigIsRefusedBeforeAnythingIsWritten() throws Exception {
        var file = host.resolve("etc/containerd/config.toml");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        var before = snapshot();
        assertThatThrownBy(() -> installer().install(source, "0.1.0", null)).isInstanceOf(InstallException.class)
                .hasMessage("containerd config /etc/containerd/config.toml is read-only (mode r--r--r--); it was left "
                        + "as it is");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(restartCount()).isZero();
    }

    @Test
    void aHostileConfigIsRefusedBeforeAnythingIsWritten() throws Exception {
        Files.writeString(host.resolve("etc/containerd/config.toml"), ContainerdConfigEditorTest.sample("hostile-hami-present.toml"));
        var before = snapshot();
        assertThatThrownBy(() -> installer().install(source, "0.1.0", null))
                .hasMessageContaining("already has a runtime \"hami\" that hami did not add");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aMissingConfigIsCreatedForTheDeclaredSchemaAndDeletedOnUninstall() throws Exception {
        Files.delete(host.resolve("etc/containerd/config.toml"));
        var before = snapshot();
        var none = new ContainerdRestart.None();
        assertThatThrownBy(() -> installer(none, Optional.empty()).install(source, "0.1.0", null))
                .hasMessageContaining("is missing, so its schema is unknown: pass --config-version");
        var report = installer(none, Optional.of(ContainerdSchema.V3)).install(source, "0.1.0", null);
        assertThat(report.manifest().configCreated()).isTrue();
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("containerd reads its config only when it starts"));
        assertThat(Files.readString(host.resolve("etc/containerd/config.toml")))
                .isEqualTo(ContainerdConfigEditorTest.sample("missing.v3.installed.toml"));
        installer(none, Optional.empty()).uninstall();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void keepsThePermissionsOfTheConfigFile() throws Exception {
        var file = host.resolve("etc/containerd/config.toml");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        installer().install(source, "0.1.0", null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesAPrefixThatIsNotItsLink() throws Exception {
        Files.createDirectories(host.resolve("usr/local/hami-java/bin"));
        var before = snapshot();
        assertThatThrownBy(() -> installer().install(source, "0.1.0", null))
                .hasMessageContaining("exists and is not a link made by hami install runtime");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void refusesASourceWithoutTheRuntimeLauncher() throws Exception {
        Files.delete(source.resolve("bin/hami-runtime"));
        assertThatThrownBy(() -> installer().install(source, "0.1.0", null))
                .hasMessage("runtime source " + source + " has no executable bin/hami-runtime");
        assertThat(Files.exists(host.resolve("usr/local/hami-java"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void refusesALinkLeavingTheSourceTree() throws Exception {
        Files.createSymbolicLink(source.resolve("lib/escape"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> installer().install(source, "0.1.0", null))
                .hasMessage("runtime source " + source + ": link lib/escape points outside the tree (/etc/passwd)");
    }

    @Test
    void refusesAnotherRuntimeNameOverAnExistingInstall() throws Exception {
        installer().install(source, "0.1.0", null);
        var other = new RuntimeInstaller(new RuntimeInstaller.Settings(host, PREFIX, CONFIG, "hami-dev", "runc",
                Optional.empty(), new ContainerdRestart.None()));
        assertThatThrownBy(() -> other.install(source, "0.1.0", null))
                .hasMessage("prefix /usr/local/hami-java holds an install of runtime \"hami\" in "
                        + "/etc/containerd/config.toml; uninstall it before installing runtime \"hami-dev\" in "
                        + "/etc/containerd/config.toml");
    }

    @Test
    void aContainerdThatRefusesTheEditedConfigGetsItsConfigBackAndNothingStaysInstalled() throws Exception {
        var before = snapshot();
        var config = host.resolve("etc/containerd/config.toml");
        // containerd stands in: it starts with the config as it was and exits on the one with the handler
        var restart = work.resolve("restart");
        script(restart, "#!/bin/sh\necho restart >> " + restarts + "\n! grep -q 'runtimes.hami]' " + config
                + " || { echo 'containerd exited at start: bad option' >&2; exit 1; }\n");
        var refusing = installer(new ContainerdRestart.Command(List.of(restart.toString())), Optional.empty());
        assertThatThrownBy(() -> refusing.install(source, "0.1.0", null))
                .hasMessage("containerd did not restart with runtime \"hami\" added; rolled back "
                        + "(containerd config /etc/containerd/config.toml as before, /usr/local/hami-java and /usr/local/hami-java.d "
                        + "removed); containerd restarted with the old config: restarting containerd (" + restart + ") failed "
                        + "with exit code 1: containerd exited at start: bad option");
        assertThat(snapshot()).as("config byte for byte, no tree, no record").isEqualTo(before);
        assertThat(restartCount()).isEqualTo(2);
        assertThat(installer(new ContainerdRestart.None(), Optional.empty()).manifest()).isEmpty();

        var rerun = installer().install(source, "0.1.0", null);
        assertThat(rerun.configChanged()).isTrue();
        assertThat(rerun.lines()).contains("containerd restarted");
    }

    @Test
    void aRestartThatFailsWithEitherConfigSaysTheFaultIsNotTheHandlers() throws Exception {
        var before = snapshot();
        var failing = installer(new ContainerdRestart.Command(List.of("sh", "-c", "echo unit not found >&2; exit 5")),
                Optional.empty());
        assertThatThrownBy(() -> failing.install(source, "0.1.0", null))
                .hasMessage("containerd did not restart with runtime \"hami\" added; rolled back "
                        + "(containerd config /etc/containerd/config.toml as before, /usr/local/hami-java and /usr/local/hami-java.d "
                        + "removed); containerd did not restart with the old config either, so the fault is not the "
                        + "handler's: restarting containerd (sh -c echo unit not found >&2; exit 5) failed with exit code 5: "
                        + "unit not found");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUninstallWhoseRestartFailsKeepsTheTreeUntilARerunRestarts() throws Exception {
        var before = snapshot();
        installer(new ContainerdRestart.None(), Optional.empty()).install(source, "0.1.0", null);
        var failing = installer(new ContainerdRestart.Command(List.of("false")), Optional.empty());
        assertThatThrownBy(failing::uninstall).hasMessageContaining("failed with exit code 1");
        assertThat(Files.isSymbolicLink(host.resolve("usr/local/hami-java"))).as("containerd may still run it").isTrue();
        var rerun = installer().uninstall();
        assertThat(rerun.configChanged()).isFalse();
        assertThat(rerun.lines()).contains("containerd restarted");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void uninstallWithoutAnInstallSaysSo() {
        assertThatThrownBy(() -> installer().uninstall())
                .hasMessage("no install record at /usr/local/hami-java.d/install.json: nothing was installed with "
                        + "--prefix /usr/local/hami-java");
    }

    @Test
    void anInstallRecordThatIsNotARegularFileIsRefusedNotTakenForNoRecord() throws Exception {
        var record = Files.createDirectories(host.resolve("usr/local/hami-java.d/install.json"));
        assertThatThrownBy(() -> installer().uninstall()).isInstanceOf(InstallException.class)
                .hasMessage("cannot read install record " + record + ": a directory, not a regular file");
    }

    @Test
    void aDamagedInstallRecordIsRefusedBeforeAnythingIsWritten() throws Exception {
        var record = Files.createDirectories(host.resolve("usr/local/hami-java.d")).resolve("install.json");
        Files.writeString(record, "{\"format\": 1, \"tree\": ");
        var before = snapshot();
        assertThatThrownBy(() -> installer().install(source, "0.1.0", null)).isInstanceOf(InstallException.class)
                .hasMessageStartingWith("cannot read install record " + record + ": ");
        assertThatThrownBy(() -> installer().uninstall()).isInstanceOf(InstallException.class)
                .hasMessageStartingWith("cannot read install record " + record + ": ");

        assertThat(snapshot()).isEqualTo(before);

        Files.writeString(record, "{\"format\": 2}");
        var newer = snapshot();
        assertThatThrownBy(() -> installer().install(source, "0.1.0", null))
                .hasMessage("install record " + record + " has format 2, this hami reads 1");
        assertThat(snapshot()).isEqualTo(newer);
        assertThat(restartCount()).isZero();
    }

    @Test
    void theSystemdRestartRunsTheHostsSystemctlInTheHostsRoot() {
        assertThat(ContainerdRestart.Command.systemd("containerd", Path.of("/host/")).command()).containsExactly("env",
                "SYSTEMD_IGNORE_CHROOT=1", "chroot", "/host", "systemctl", "restart", "containerd");
        assertThat(ContainerdRestart.Command.systemd("containerd", Path.of("/")).command())
                .containsExactly("systemctl", "restart", "containerd");
    }
}
