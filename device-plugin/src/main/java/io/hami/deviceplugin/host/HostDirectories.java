package io.hami.deviceplugin.host;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Host directories that HAMi-core processes in containers write to: created world-writable (0777, whatever
 * the umask), because the container's user is not ours to know.
 */
public final class HostDirectories {
    /** rwxrwxrwx. */
    public static final Set<PosixFilePermission> WORLD_WRITABLE = PosixFilePermissions.fromString("rwxrwxrwx");

    private HostDirectories() {
    }

    /** Creates the directory and its parents if needed and makes it 0777. */
    public static void ensureWorldWritable(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, WORLD_WRITABLE);
    }

    /**
     * Empties a container's directory as HAMi does at {@code Allocate}: whatever was there (a region file of a
     * previous pod with this UID and name) is removed, then the directory is made again, 0777. Symbolic links
     * inside are removed, never followed.
     */
    public static void recreate(Path dir) throws IOException {
        removeTree(dir);
        ensureWorldWritable(dir);
    }

    private static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(dir);
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
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
}
