package io.hami.model.protocol;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The per-container directories under HAMi-core's {@code vgpu} directory, {@code <vgpu>/containers/<podUID>_<name>},
 * where libvgpu in the container keeps its region file (docs/protocol.md, "Container directories"): their names,
 * and their whole life cycle, for the device plugin (recreated at {@code Allocate}), the runtime shim and hook
 * (created before the container starts) and the monitor (removed once the pod is gone).
 *
 * <p>One policy on links everywhere: a container can write into its directory, so a symbolic link found inside
 * is removed, never followed; a link where a directory is expected (the per-container directory itself, or
 * {@code containers/}) is refused by {@link #ensure} and removed as a link by {@link #recreate} and
 * {@link #remove}. Directories are made mode 0777 whatever the umask, because the container's user is not ours
 * to know.
 */
public final class ContainerDirectories {
    /** The directory under {@code vgpu} that holds one directory per container. */
    public static final String CONTAINERS = "containers";
    /** rwxrwxrwx. */
    public static final Set<PosixFilePermission> WORLD_WRITABLE = PosixFilePermissions.fromString("rwxrwxrwx");

    private ContainerDirectories() {
    }

    /** A container's directory name, {@code <podUID>_<containerName>}. */
    public static String name(ContainerIdentity id) {
        return name(id.podUid(), id.containerName());
    }

    /**
     * The directory name of a pod UID and container name as the API reports them, for looking a directory up;
     * unlike {@link #name(ContainerIdentity)} the parts are not validated, so the result must never name a path.
     */
    public static String name(String podUid, String containerName) {
        return podUid + "_" + containerName;
    }

    /**
     * The container a directory name stands for: split on the first {@code _} (a UID has none, a container
     * name neither), both halves validated; empty for any other name.
     */
    public static Optional<ContainerIdentity> parse(String name) {
        int at = name == null ? -1 : name.indexOf('_');
        if (at <= 0 || at == name.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ContainerIdentity(name.substring(0, at), name.substring(at + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code <vgpu>/containers}. */
    public static Path root(Path vgpuDir) {
        return vgpuDir.resolve(CONTAINERS);
    }

    /** {@code <vgpu>/containers/<podUID>_<name>}. */
    public static Path of(Path vgpuDir, ContainerIdentity id) {
        return root(vgpuDir).resolve(name(id));
    }

    /**
     * Makes {@code containers/} and the container's directory if missing, 0777; an existing directory is kept
     * (a restarted container reuses its region).
     *
     * @return whether the container's directory was created now
     * @throws IOException when {@code vgpu} is missing, or a link or another file stands where a directory should
     */
    public static boolean ensure(Path vgpuDir, ContainerIdentity id) throws IOException {
        requireDirectory(vgpuDir);
        ensureShared(root(vgpuDir));
        return ensureShared(of(vgpuDir, id));
    }

    /**
     * Empties a container's directory, as HAMi does at {@code Allocate}: whatever was there (the region of an
     * earlier pod with this UID and name, or a link) is removed, then the directory is made again, 0777.
     */
    public static Path recreate(Path vgpuDir, ContainerIdentity id) throws IOException {
        requireDirectory(vgpuDir);
        ensureShared(root(vgpuDir));
        var dir = of(vgpuDir, id);
        remove(dir);
        ensureShared(dir);
        return dir;
    }

    /**
     * Makes a directory that container processes of any user write to (a per-container directory,
     * {@code containers/}, the lock directory) if it is missing, and makes it 0777.
     *
     * @return whether it was created now
     * @throws IOException when a link or another file stands where the directory should be, or its parent is missing
     */
    public static boolean ensureShared(Path dir) throws IOException {
        boolean created;
        try {
            Files.createDirectory(dir);
            created = true;
        } catch (FileAlreadyExistsException e) {
            requireDirectory(dir);
            created = false;
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(WORLD_WRITABLE)) {
            Files.setPosixFilePermissions(dir, WORLD_WRITABLE);
        }
        return created;
    }

    /**
     * Removes {@code path} and everything below it as {@code rm -r} does, without following links: a link is
     * removed as a link, never its target. Nothing there is not an error.
     */
    public static void remove(Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attrs.isDirectory()) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void requireDirectory(Path dir) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory");
        }
        if (!attrs.isDirectory()) {
            throw new FileAlreadyExistsException(dir.toString(), null,
                    "exists and is not a directory" + (attrs.isSymbolicLink() ? " (a symbolic link, never followed)" : ""));
        }
    }
}
