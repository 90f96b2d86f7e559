package io.hami.runtimehook.install;

import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedFiles.Links;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The self-contained runtime (JRE, jars, AOT cache, launchers) on the host, switched atomically: each content version
 * is copied into {@code <state>/versions/<id>} (staged under another name, renamed when complete; {@code id} is a hash
 * of the tree, so installing the same tree twice copies nothing), and the prefix is a symbolic link to the current
 * version, replaced by a rename. A container start sees the old tree or the new one, never a part; the previous
 * version stays until the next switch, for starts still running from it.
 *
 * <p>The source is opaque except for the two entries containerd and the hook run: {@code bin/hami} and
 * {@code bin/hami-runtime}. It may hold regular files, directories and relative links that stay inside it.
 */
public final class RuntimeTree {

    /** The marker a complete version directory carries (its tree id); not part of the tree itself. */
    static final String MARKER = ".hami-tree";
    /** The marker holds a tree id. */
    private static final int MAX_MARKER_BYTES = 4096;
    /** The largest file of a runtime tree (the JVM's modules image is the largest, some hundred MiB). */
    private static final long MAX_FILE_BYTES = 1L << 30;
    /** The launchers the source must have. */
    public static final List<String> REQUIRED = List.of("bin/hami", "bin/hami-runtime");

    private final Path prefix;
    private final Path state;

    /**
     * @param prefix the link the host sees the runtime at (as reached from here, under the host root)
     * @param state  the directory of versions and install records, a sibling of the prefix
     */
    public RuntimeTree(Path prefix, Path state) {
        this.prefix = prefix;
        this.state = state;
        if (!prefix.getParent().equals(state.getParent())) {
            throw new IllegalArgumentException("prefix and state directory must be siblings: " + prefix + ", " + state);
        }
    }

    /** Checks that {@code source} is a tree we can install and returns its id. */
    public static String check(Path source) throws InstallException {
        if (!Files.isDirectory(source)) {
            throw new InstallException("runtime source " + source + " is not a directory");
        }
        for (var entry : REQUIRED) {
            var f = source.resolve(entry);
            if (!Files.isRegularFile(f) || !Files.isExecutable(f)) {
                throw new InstallException("runtime source " + source + " has no executable " + entry);
            }
        }
        return id(source);
    }

    /**
     * Installs {@code source} and points the prefix at it.
     *
     * @param id the source's id, as {@link #check} returned it (the caller checks before its first write; hashing
     *           the tree, JRE included, once is enough)
     * @return what was done
     */
    public Installed install(Path source, String id) throws InstallException, IOException {
        Optional<String> previous = current();
        Files.createDirectories(state.resolve("versions"));
        Path version = state.resolve("versions").resolve(id);
        if (!isComplete(version, id)) {
            deleteTree(version);
            Path staging = state.resolve("versions").resolve(".staging-" + random());
            try {
                copy(source, staging);
                Files.writeString(staging.resolve(MARKER), id + "\n");
                Files.move(staging, version, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(staging);
            }
        }
        boolean switched = !previous.equals(Optional.of(id));
        if (switched) {
            Path link = prefix.resolveSibling("." + prefix.getFileName() + ".new-" + random());
            Files.createSymbolicLink(link, target(id));
            try {
                Files.move(link, prefix, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(link);
            }
        }
        pruneExcept(id, previous.orElse(id));
        return new Installed(id, previous, switched);
    }

    /**
     * What {@link #install} did.
     *
     * @param id       the installed tree
     * @param previous the tree the prefix named before, if any
     * @param switched whether the prefix now names another tree
     */
    public record Installed(String id, Optional<String> previous, boolean switched) {
    }

    /** The tree id the prefix names, or empty when there is no prefix; refuses a prefix that is not ours. */
    public Optional<String> current() throws InstallException, IOException {
        if (!Files.exists(prefix, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isSymbolicLink(prefix)) {
            throw new InstallException("prefix " + prefix + " exists and is not a link made by hami install runtime; "
                    + "move it away or choose another --prefix");
        }
        var target = Files.readSymbolicLink(prefix);
        var ours = Path.of(state.getFileName().toString(), "versions");
        if (target.isAbsolute() || target.getNameCount() != 3 || !target.getParent().equals(ours)) {
            throw new InstallException("prefix " + prefix + " links to " + target + ", not to a version under "
                    + state.getFileName() + "; move it away or choose another --prefix");
        }
        return Optional.of(target.getFileName().toString());
    }

    /** Removes the prefix link and the state directory, when they are ours. */
    public void uninstall() throws InstallException, IOException {
        current();
        Files.deleteIfExists(prefix);
        deleteTree(state);
    }

    /** The link target, relative so that it resolves on the host and under a host-root mount alike. */
    private Path target(String id) {
        return Path.of(state.getFileName().toString(), "versions", id);
    }

    private static boolean isComplete(Path version, String id) throws IOException {
        var marker = version.resolve(MARKER);
        return Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
                && UntrustedFiles.readText(marker, MAX_MARKER_BYTES, Links.REFUSE).strip().equals(id);
    }

    private void pruneExcept(String id, String previous) throws IOException {
        try (Stream<Path> s = Files.list(state.resolve("versions"))) {
            for (var v : s.toList()) {
                var n = v.getFileName().toString();
                if (!n.equals(id) && !n.equals(previous)) {
                    deleteTree(v);
                }
            }
        }
    }

    private static void copy(Path source, Path to) throws IOException, InstallException {
        Files.createDirectory(to);
        for (var rel : entries(source)) {
            Path from = source.resolve(rel);
            Path dest = to.resolve(rel.toString());
            if (Files.isSymbolicLink(from)) {
                Files.createSymbolicLink(dest, Files.readSymbolicLink(from));
            } else if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dest);
                Files.setPosixFilePermissions(dest, Files.getPosixFilePermissions(from));
            } else {
                Files.copy(from, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * The tree's entries below {@code source}, sorted, parents before children; refuses what would not work on the
     * host: links that are absolute or leave the tree, and anything but files, directories and links.
     */
    private static List<Path> entries(Path source) throws IOException, InstallException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(source)) {
            all = s.filter(p -> !p.equals(source)).map(source::relativize)
                    .filter(p -> !p.toString().equals(MARKER))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        for (var rel : all) {
            Path p = source.resolve(rel);
            if (Files.isSymbolicLink(p)) {
                var t = Files.readSymbolicLink(p);
                if (t.isAbsolute() || !p.getParent().resolve(t).normalize().startsWith(source.normalize())) {
                    throw new InstallException("runtime source " + source + ": link " + rel + " points outside the tree ("
                            + t + ")");
                }
            } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new InstallException("runtime source " + source + ": " + rel + " is not a file, directory or link");
            }
        }
        return all;
    }

    /** A hash of the tree: each entry's path, kind, permissions and content or link target. */
    static String id(Path source) throws InstallException {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            var buffer = new byte[1 << 16];
            for (var rel : entries(source)) {
                Path p = source.resolve(rel);
                String kind = Files.isSymbolicLink(p) ? "l " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? "d " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                        : "f " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                sha.update((rel + "\0" + kind + "\0").getBytes(StandardCharsets.UTF_8));
                if (kind.startsWith("f")) {
                    try (InputStream in = UntrustedFiles.open(p, MAX_FILE_BYTES, Links.REFUSE)) {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 10);
        } catch (IOException e) {
            throw new InstallException("cannot read runtime source " + source + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.toList();
        }
        for (var p : all.reversed()) { // walk lists parents first
            Files.deleteIfExists(p);
        }
    }

    private static String random() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

}
