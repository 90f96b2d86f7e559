package io.hami.deviceplugin.host;

import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedFiles.Links;
import io.hami.model.protocol.ContainerDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What HAMi's init step does on the host before the plugin serves (docs/protocol.md, "Node-local files"): copy
 * HAMi-core ({@code libvgpu.so} and anything shipped beside it) from the image into the host's {@code vgpu} directory
 * when the checksum differs, regenerate {@code ld.so.preload} (one line naming the library at its container path), and
 * create {@code containers/} and the {@code /tmp/vgpulock} directory, 0777.
 *
 * <p>Files are replaced by writing a temporary file beside them and renaming it over the old one, so a
 * container starting meanwhile sees the old file or the new one, never half of one.
 *
 * @param vgpuDir   the host's {@code <hookPath>/vgpu}, which containers see at the same path
 * @param libSource the image directory holding HAMi-core's files; empty to install nothing
 * @param lockDir   the host's {@code /tmp/vgpulock}
 */
public record HostSetup(Path vgpuDir, Optional<Path> libSource, Path lockDir) {
    private static final Logger LOG = LoggerFactory.getLogger(HostSetup.class);

    /** The library file name, at {@code <vgpuDir>/libvgpu.so}. */
    public static final String LIBRARY = "libvgpu.so";
    /** The preload file, mounted over the container's {@code /etc/ld.so.preload}. */
    public static final String PRELOAD = "ld.so.preload";
    /** The largest file hashed: HAMi-core's library is a few MiB. */
    private static final long MAX_LIBRARY_BYTES = 1L << 30;

    public HostSetup {
        Objects.requireNonNull(vgpuDir, "vgpuDir");
        Objects.requireNonNull(libSource, "libSource");
        Objects.requireNonNull(lockDir, "lockDir");
    }

    /** Runs every step. */
    public void run() throws IOException {
        Files.createDirectories(vgpuDir);
        ContainerDirectories.ensureShared(ContainerDirectories.root(vgpuDir));
        Files.createDirectories(lockDir.toAbsolutePath().getParent());
        ContainerDirectories.ensureShared(lockDir);
        if (libSource.isPresent()) {
            try (Stream<Path> files = Files.list(libSource.get())) {
                for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                    install(file, vgpuDir.resolve(file.getFileName()));
                }
            }
        }
        replace(vgpuDir.resolve(PRELOAD), (vgpuDir.resolve(LIBRARY) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Copies {@code source} to {@code target} unless both have the same SHA-256; true when it copied. */
    static boolean install(Path source, Path target) throws IOException {
        if (Files.isRegularFile(target) && sha256(source).equals(sha256(target))) {
            return false;
        }
        var tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        LOG.info("installed {} from {}", target, source);
        return true;
    }

    private static void replace(Path target, byte[] content) throws IOException {
        var tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = UntrustedFiles.open(file, MAX_LIBRARY_BYTES, Links.FOLLOW)) {
            var buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
