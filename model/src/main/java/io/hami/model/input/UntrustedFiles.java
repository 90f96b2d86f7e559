package io.hami.model.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way hami reads a file it does not control: configuration files, kubeconfigs, device-config.yaml,
 * an OCI bundle's {@code config.json}, records in state directories, the command's input files and the
 * webhook's certificate files. (Shared regions are read by the bindings' region reader, which has its own
 * bounds.)
 *
 * <p>Before the file is opened, its attributes are read: it must be a regular file of at most the given size.
 * A directory, a FIFO, a device or a socket is refused without being opened, so a FIFO cannot block the
 * process and {@code /dev/zero} cannot fill its memory. The bytes are then read with the same bound, since the
 * file may grow, or be replaced, between the check and the read: what is read never exceeds the bound.
 * What this cannot prevent is a FIFO put in the file's place in that moment, which still blocks the open
 * (Java offers no {@code O_NONBLOCK} for files); doing that needs write access to the file's directory, which
 * for every file read here belongs to root or to the operator.
 *
 * <p>Symbolic links: {@link Links#FOLLOW} (the default) resolves them and checks the file they lead to, since
 * Kubernetes mounts ConfigMaps and Secrets as links into a {@code ..data} directory. {@link Links#REFUSE} is
 * for files in a directory someone else writes (an OCI bundle), where a link could lead to a host file.
 *
 * <p>Errors are one {@link UntrustedInputException}: {@code <path>: <problem>}.
 */
public final class UntrustedFiles {

    /** What to do with a symbolic link at the path itself. */
    public enum Links {
        /** Resolve it and check the file it leads to. */
        FOLLOW,
        /** Refuse a path that is a symbolic link. */
        REFUSE
    }

    /**
     * The largest kubeconfig read: one embeds a few certificates in a few kilobytes; Kubernetes keeps a Secret or
     * a ConfigMap, from which one is usually mounted, to 1 MiB.
     */
    public static final int MAX_KUBECONFIG_BYTES = 1 << 20;

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private UntrustedFiles() {
    }

    /** {@link #readBytes(Path, int, Links)} following links. */
    public static byte[] readBytes(Path file, int maxBytes) throws UntrustedInputException {
        return readBytes(file, maxBytes, Links.FOLLOW);
    }

    /**
     * The bytes of a regular file of at most {@code maxBytes}.
     *
     * @throws UntrustedInputException when the file is missing, is not a regular file (or is a link and
     *                                 {@code links} is {@link Links#REFUSE}), is larger, or cannot be read
     */
    public static byte[] readBytes(Path file, int maxBytes, Links links) throws UntrustedInputException {
        if (maxBytes < 0 || maxBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        try (InputStream in = open(file, maxBytes, links)) {
            return in.readAllBytes();
        } catch (UntrustedInputException e) {
            throw e;
        } catch (IOException e) {
            throw refusal(file, e);
        }
    }

    /** {@link #readText(Path, int, Links)} following links. */
    public static String readText(Path file, int maxBytes) throws UntrustedInputException {
        return readText(file, maxBytes, Links.FOLLOW);
    }

    /**
     * The text of a regular file of at most {@code maxBytes}, as strict UTF-8; a byte order mark at the start
     * is dropped.
     *
     * @throws UntrustedInputException as {@link #readBytes(Path, int, Links)}, or when the file is not UTF-8
     */
    public static String readText(Path file, int maxBytes, Links links) throws UntrustedInputException {
        return text(readBytes(file, maxBytes, links), file.toString());
    }

    /**
     * The bytes of a file already read, as {@link #readText} turns them into text: strict UTF-8, a byte order mark
     * at the start dropped. For a parser that also takes its file's content from memory (its fuzz target).
     *
     * @param source names the file in the error
     * @throws UntrustedInputException when the bytes are not UTF-8
     */
    public static String text(byte[] bytes, String source) throws UntrustedInputException {
        String text = StrictUtf8.decode(bytes, source);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Opens a regular file for a caller that streams it (a digest over a library), after the same checks as
     * {@link #readBytes(Path, int, Links)}. The stream fails with an {@link UntrustedInputException} once more
     * than {@code maxBytes} were read.
     */
    public static InputStream open(Path file, long maxBytes, Links links) throws UntrustedInputException {
        LinkOption[] linkOptions = links == Links.REFUSE ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, linkOptions);
        } catch (IOException e) {
            throw refusal(file, e);
        }
        if (!attrs.isRegularFile()) {
            throw new UntrustedInputException(file.toString(), kind(file, attrs, linkOptions) + ", not a regular file");
        }
        if (attrs.size() > maxBytes) {
            throw new UntrustedInputException(file.toString(), "larger than " + maxBytes + " bytes (" + attrs.size() + ")");
        }
        OpenOption[] options = links == Links.REFUSE
                ? new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS}
                : new OpenOption[] {StandardOpenOption.READ};
        try {
            return new Bounded(Channels.newInputStream(Files.newByteChannel(file, options)), file, maxBytes);
        } catch (IOException e) {
            throw refusal(file, e);
        }
    }

    /** What the file is instead of a regular file, in words. */
    private static String kind(Path file, BasicFileAttributes attrs, LinkOption[] linkOptions) {
        if (attrs.isDirectory()) {
            return "a directory";
        }
        if (attrs.isSymbolicLink()) {
            return "a symbolic link (not followed here)";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", linkOptions);
            return switch (mode & S_IFMT) {
                case S_IFIFO -> "a FIFO (named pipe)";
                case S_IFCHR -> "a character device";
                case S_IFBLK -> "a block device";
                case S_IFSOCK -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    /** An I/O error in words, without the stack or the path repeated. */
    static UntrustedInputException refusal(Path file, IOException e) {
        String problem = switch (e) {
            case NoSuchFileException n -> "no such file";
            case NotDirectoryException n -> "no such file (a parent is not a directory)";
            case AccessDeniedException a -> "permission denied";
            case FileSystemLoopException l -> "a loop of symbolic links";
            case FileSystemException f when f.getReason() != null -> reason(f.getReason());
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
        return new UntrustedInputException(file.toString(), problem, e);
    }

    private static String reason(String reason) {
        // NOFOLLOW_LINKS on a link: open(2) fails with ELOOP
        if (reason.contains("Too many levels of symbolic links")) {
            return "a symbolic link (not followed here), or a loop of them";
        }
        if (reason.contains("Not a directory")) {
            return "no such file (a parent is not a directory)";
        }
        return reason.toLowerCase(java.util.Locale.ROOT);
    }

    /** Fails a read that goes past the bound, so that a file grown since the check is refused, not truncated. */
    private static final class Bounded extends FilterInputStream {
        private final Path file;
        private final long maxBytes;
        private long read;

        Bounded(InputStream in, Path file, long maxBytes) {
            super(in);
            this.file = file;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                long room = maxBytes - read;
                // one byte past the bound, to tell a file of exactly maxBytes from a longer one
                n = super.read(b, off, room >= len ? len : (int) room + 1);
            } catch (IOException e) {
                throw refusal(file, e);
            }
            if (n > 0) {
                read += n;
                if (read > maxBytes) {
                    throw new UntrustedInputException(file.toString(), "larger than " + maxBytes + " bytes");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, maxBytes - read));
            read += skipped;
            return skipped;
        }
    }
}
