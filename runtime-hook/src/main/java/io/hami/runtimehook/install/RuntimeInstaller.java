package io.hami.runtimehook.install;

import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedFiles.Links;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Installs the self-contained runtime on a host and registers it with containerd, and undoes both. The host's file
 * system is reached under a host root (the installer DaemonSet mounts {@code /} of the node there); every path in
 * the settings and in messages is a host path.
 *
 * <p>Install: the runtime tree goes to the prefix ({@link RuntimeTree}), the install record is written, then the
 * runtime handler is added to containerd's config ({@link ContainerdConfigEditor}; the bytes before go to
 * {@code <state>/containerd-config.before}), then containerd is restarted when its config changed and the settings
 * ask for it; when that restart fails, the install is rolled back and containerd restarted with its config as it was.
 * Uninstall takes the handler out, restarts, and removes the prefix and the state directory.
 */
public final class RuntimeInstaller {

    private static final Set<PosixFilePermission> NEW_CONFIG = PosixFilePermissions.fromString("rw-r--r--");
    private static final String BACKUP = "containerd-config.before";
    /** containerd's config.toml is a few KiB; one mounted from a ConfigMap is at most 1 MiB. */
    private static final int MAX_CONFIG_BYTES = 1 << 20;
    private static final String RESTART_PENDING = "restart-pending";

    /**
     * @param hostRoot      where the host's {@code /} is mounted ({@code /} when run on the host)
     * @param prefix        the host path of the runtime ({@code bin/hami-runtime} below it is containerd's BinaryName)
     * @param config        the host path of containerd's config file
     * @param runtimeName   the runtime handler's name
     * @param template      the runtime whose settings the handler copies
     * @param configVersion the schema for a missing or empty config file
     * @param restart       how containerd is made to read a changed config
     */
    public record Settings(Path hostRoot, Path prefix, Path config, String runtimeName, String template,
            Optional<ContainerdSchema> configVersion, ContainerdRestart restart) {
        public Settings {
            hostPath(prefix, "prefix");
            hostPath(config, "containerd config");
            if (prefix.getNameCount() < 2) {
                throw new IllegalArgumentException("prefix: must lie at least two levels below /: " + prefix);
            }
            RuntimeHandler.checkName(runtimeName);
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(configVersion, "configVersion");
            Objects.requireNonNull(restart, "restart");
            if (!hostRoot.isAbsolute()) {
                throw new IllegalArgumentException("host root: not an absolute path: " + hostRoot);
            }
        }

        private static void hostPath(Path p, String what) {
            if (!p.isAbsolute() || !p.normalize().equals(p) || p.getNameCount() == 0) {
                throw new IllegalArgumentException(what + ": not a normalized absolute path: " + p);
            }
        }

        /** The state directory's host path: the prefix's sibling {@code <prefix>.d}. */
        public Path state() {
            return prefix.resolveSibling(prefix.getFileName() + ".d");
        }

        /** {@code hostPath} as reached from here. */
        public Path onHost(Path hostPath) {
            return hostRoot.resolve(Path.of("/").relativize(hostPath).toString());
        }

        /** containerd's BinaryName for the handler. */
        public Path binary() {
            return prefix.resolve("bin/hami-runtime");
        }
    }

    /**
     * What was done.
     *
     * @param manifest      the install record (after install: as written; after uninstall: as it was)
     * @param configChanged whether containerd's config file changed
     * @param lines         what to tell the operator, one sentence each
     */
    public record Report(InstallManifest manifest, boolean configChanged, List<String> lines) {
        public Report {
            lines = List.copyOf(lines);
        }
    }

    private final Settings settings;

    public RuntimeInstaller(Settings settings) {
        this.settings = settings;
    }

    /**
     * Installs the tree at {@code source} and adds the handler.
     *
     * @param version      the hami version, for the install record
     * @param runtimeClass the RuntimeClass the caller creates, for the record; null keeps what the record says
     */
    public Report install(Path source, String version, String runtimeClass) throws InstallException, IOException {
        var lines = new ArrayList<String>();
        var prefixParent = settings.onHost(settings.prefix().getParent());
        if (!Files.isDirectory(prefixParent)) {
            throw new InstallException("the prefix's directory " + settings.prefix().getParent() + " does not exist on "
                    + "the host");
        }
        var state = settings.onHost(settings.state());
        var tree = new RuntimeTree(settings.onHost(settings.prefix()), state);
        var previous = InstallManifest.read(state);
        if (previous.isPresent() && (!previous.get().runtimeName().equals(settings.runtimeName())
                || !previous.get().containerdConfig().equals(settings.config().toString()))) {
            throw new InstallException("prefix " + settings.prefix() + " holds an install of runtime \""
                    + previous.get().runtimeName() + "\" in " + previous.get().containerdConfig() + "; uninstall it before "
                    + "installing runtime \"" + settings.runtimeName() + "\" in " + settings.config());
        }
        // Everything that can refuse is checked before the first write: the source, the prefix, the config's edit.
        String id = RuntimeTree.check(source);
        tree.current();
        var configFile = settings.onHost(settings.config());
        var current = readConfig(configFile);
        var edit = ContainerdConfigEditor.add(current, settings.config(), settings.runtimeName(), settings.binary(),
                settings.template(), settings.configVersion());
        if (edit.changed()) {
            if (current.isPresent()) {
                checkWritable(configFile, settings.config());
            } else if (!Files.isDirectory(configFile.getParent())) {
                throw new InstallException("containerd config " + settings.config() + " is missing and so is its directory "
                        + settings.config().getParent() + "; is containerd installed on this host?");
            }
        }

        var installed = tree.install(source, id);
        lines.add("runtime " + installed.id() + (installed.switched() ? " installed at " : " already installed at ")
                + settings.prefix() + (installed.previous().filter(p -> installed.switched()).map(p -> " (was " + p + ")")
                .orElse("")));
        boolean created = current.isEmpty() || previous.map(InstallManifest::configCreated).orElse(false);
        var manifest = new InstallManifest(1, version, installed.id(), settings.prefix().toString(),
                settings.config().toString(), created, settings.runtimeName(),
                runtimeClass != null ? runtimeClass : previous.map(InstallManifest::runtimeClass).orElse(null));
        manifest.write(state);

        lines.addAll(edit.notes());
        if (edit.changed()) {
            if (current.isPresent()) {
                AtomicFiles.write(state.resolve(BACKUP), current.get().getBytes(StandardCharsets.UTF_8), NEW_CONFIG);
            }
            writeConfig(configFile, settings.config(), edit.text());
            lines.add("containerd config " + settings.config() + " (" + edit.schema() + "): runtime \""
                    + settings.runtimeName() + "\" added, BinaryName " + settings.binary()
                    + (current.isPresent() ? "; the previous file is in " + settings.state().resolve(BACKUP) : "; file created"));
        } else {
            lines.add("containerd config " + settings.config() + " already has runtime \"" + settings.runtimeName()
                    + "\" as this install would write it; unchanged");
        }
        try {
            restart(state, edit.changed()).ifPresent(lines::add);
        } catch (InstallException e) {
            if (!edit.changed()) {
                throw e;
            }
            throw rollBack(e, current, configFile, tree, previous.isPresent(), state);
        }
        return new Report(manifest, edit.changed(), lines);
    }

    /**
     * containerd did not restart after the handler was added (it refused the edited config, or the restart itself
     * failed): the config goes back to its bytes before, the runtime tree and the record go too unless an earlier install
     * had them, and containerd is restarted with the config as it was, so that a node is not left with a containerd that
     * is down, or that would not start again, because of the edit.
     */
    private InstallException rollBack(InstallException failure, Optional<String> before, Path configFile, RuntimeTree tree,
            boolean hadInstall, Path state) throws InstallException, IOException {
        if (before.isPresent()) {
            writeConfig(configFile, settings.config(), before.get());
        } else {
            Files.deleteIfExists(configFile);
        }
        var undone = "containerd config " + settings.config() + " as before";
        if (!hadInstall) {
            tree.uninstall();
            undone += ", " + settings.prefix() + " and " + settings.state() + " removed";
        }
        String again;
        try {
            settings.restart().restart();
            Files.deleteIfExists(state.resolve(RESTART_PENDING));
            again = "containerd restarted with the old config";
        } catch (InstallException second) {
            again = "containerd did not restart with the old config either, so the fault is not the handler's";
        }
        // the outcome first: the restart's own output, which may be long, last
        return new InstallException("containerd did not restart with runtime \"" + settings.runtimeName() + "\" added; "
                + "rolled back (" + undone + "); " + again + ": " + failure.getMessage(), failure);
    }

    /** The install record, if the prefix has one. */
    public Optional<InstallManifest> manifest() throws InstallException {
        return InstallManifest.read(settings.onHost(settings.state()));
    }

    /** Takes the handler out of containerd's config and removes the runtime tree and the install record. */
    public Report uninstall() throws InstallException, IOException {
        var lines = new ArrayList<String>();
        var state = settings.onHost(settings.state());
        var manifest = InstallManifest.read(state).orElseThrow(() -> new InstallException("no install record at "
                + settings.state().resolve(InstallManifest.FILE) + ": nothing was installed with --prefix "
                + settings.prefix()));
        var configPath = Path.of(manifest.containerdConfig());
        var configFile = settings.onHost(configPath);
        var current = readConfig(configFile);
        boolean changed = false;
        if (current.isEmpty()) {
            lines.add("containerd config " + configPath + " is gone; nothing to take out of it");
        } else {
            var edit = ContainerdConfigEditor.remove(current.get(), configPath, manifest.runtimeName());
            lines.addAll(edit.notes());
            if (edit.changed()) {
                changed = true;
                if (manifest.configCreated() && edit.text().isEmpty()) {
                    checkWritable(configFile, configPath);
                    Files.delete(configFile);
                    lines.add("containerd config " + configPath + " removed (the installer had created it)");
                } else {
                    writeConfig(configFile, configPath, edit.text());
                    lines.add("containerd config " + configPath + ": runtime \"" + manifest.runtimeName() + "\" removed");
                }
            }
        }
        restart(state, changed).ifPresent(lines::add);
        new RuntimeTree(settings.onHost(Path.of(manifest.prefix())), state).uninstall();
        lines.add("runtime removed from " + manifest.prefix() + " (and " + settings.state() + ")");
        return new Report(manifest, changed, lines);
    }

    /**
     * Restarts containerd when its config changed, or when an earlier restart failed (a marker in the state directory
     * remembers that, since the rerun finds the config already edited); empty when there is nothing to do.
     */
    private Optional<String> restart(Path state, boolean changed) throws InstallException, IOException {
        var pending = state.resolve(RESTART_PENDING);
        if (!changed && !Files.exists(pending)) {
            return Optional.empty();
        }
        if (!settings.restart().restarts()) {
            return Optional.of("containerd reads its config only when it starts: restart it (systemctl restart "
                    + "containerd) for the change to take effect");
        }
        Files.writeString(pending, "containerd's config changed; a restart failed or was interrupted\n");
        settings.restart().restart();
        Files.delete(pending);
        return Optional.of("containerd restarted");
    }

    private static Optional<String> readConfig(Path file) throws InstallException, IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InstallException("containerd config " + file + " is not a regular file (a link? name the file "
                    + "it links to)");
        }
        try {
            return Optional.of(UntrustedFiles.readText(file, MAX_CONFIG_BYTES, Links.REFUSE));
        } catch (UntrustedInputException e) {
            throw new InstallException("containerd config " + e.getMessage(), e);
        }
    }

    /** Replaces the file atomically, keeping its permissions; refuses a file nobody may write. */
    private static void writeConfig(Path file, Path named, String text) throws InstallException, IOException {
        var permissions = Files.exists(file) ? Files.getPosixFilePermissions(file) : NEW_CONFIG;
        if (Files.exists(file)) {
            checkWritable(file, named);
        }
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), permissions);
        } catch (IOException e) {
            throw new InstallException("cannot write containerd config " + named + ": " + e, e);
        }
    }

    /** Root may write any file; a file without its owner's write bit is one somebody meant to stay as it is. */
    private static void checkWritable(Path file, Path named) throws InstallException, IOException {
        if (!Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_WRITE)) {
            throw new InstallException("containerd config " + named + " is read-only (mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + "); it was left as it is");
        }
    }
}
