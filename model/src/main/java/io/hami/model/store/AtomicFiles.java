package io.hami.model.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a reader sees the old content or the new one, never a part: a new file beside the target
 * (created exclusively, so no link is followed), written and flushed to disk, then renamed over the target
 * (which replaces a link itself rather than writing through it), then the directory flushed.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code data}, with permissions {@code permissions}.
     *
     * @throws IOException when any step fails; the target is then unchanged and the temporary file removed
     */
    public static void write(Path target, byte[] data, Set<PosixFilePermission> permissions) throws IOException {
        var dir = target.toAbsolutePath().getParent();
        Path temp = null;
        for (int attempt = 0; temp == null; attempt++) {
            var name = "." + target.getFileName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp";
            try {
                temp = Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(permissions));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw e;
                }
            }
        }
        try {
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                var buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // createFile applies the umask; set the bits exactly.
            Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir);
    }

    private static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // The rename is done; a file system that cannot flush a directory still shows old or new content.
        }
    }
}
