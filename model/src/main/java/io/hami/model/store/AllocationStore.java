package io.hami.model.store;

import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedFiles.Links;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.protocol.ContainerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The node-local allocation store (docs/protocol.md, "The allocation store"): one file per pod,
 * {@code <vgpu dir>/allocations/<podUID>.json} ({@link AllocationRecordCodec}), written by the device plugin from its
 * pod informer and read by the runtime shim when it creates a container of a lockless allocation. A write replaces
 * the file whole (temporary file, flush, rename, directory flush), so a reader sees the old record or the new one.
 * The directory and its files belong to root: the record decides which GPUs and limits a container gets.
 */
public final class AllocationStore {
    /** The store's directory under HAMi-core's {@code vgpu} directory. */
    public static final String DIRECTORY = "allocations";

    /**
     * The variable that the device plugin's {@code Allocate} gives a container in lockless mode, instead of HAMi-core's
     * variables: the number of devices kubelet handed it. The runtime shim sees it and fetches the container's limits
     * from the store.
     */
    public static final String LOCKLESS_DEVICES_ENV = "HAMI_LOCKLESS_DEVICES";

    /** Far above a record of a pod of many containers with 16 devices each. */
    public static final int MAX_FILE_BYTES = 256 * 1024;

    private static final String SUFFIX = ".json";
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path dir;

    /** The store in {@code dir}. */
    public AllocationStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The store of HAMi-core's {@code vgpu} directory: {@code <vgpuDir>/allocations}. */
    public static AllocationStore under(Path vgpuDir) {
        return new AllocationStore(vgpuDir.resolve(DIRECTORY));
    }

    /** The store's directory. */
    public Path directory() {
        return dir;
    }

    /** The file of the pod {@code uid}. */
    public Path fileOf(String uid) {
        new ContainerIdentity(uid, "c"); // a UID checked before it names a file
        return dir.resolve(uid + SUFFIX);
    }

    /** Writes {@code pod}'s record, replacing the one there; makes the directory when missing. */
    public void write(PodAllocation pod) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
        AtomicFiles.write(fileOf(pod.uid()), AllocationRecordCodec.encode(pod), FILE_MODE);
    }

    /**
     * The record of the pod {@code uid}; empty when there is none.
     *
     * @throws UntrustedInputException {@code <file>: <problem>} when the file is there but damaged, written in a newer
     *                                 format version, for another pod, or cannot be read
     */
    public Optional<PodAllocation> read(String uid) throws UntrustedInputException {
        var file = fileOf(uid);
        byte[] bytes;
        try {
            bytes = UntrustedFiles.readBytes(file, MAX_FILE_BYTES, Links.REFUSE);
        } catch (UntrustedInputException e) {
            if (e.getCause() instanceof NoSuchFileException || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            throw e;
        }
        PodAllocation pod;
        try {
            pod = AllocationRecordCodec.decode(bytes);
        } catch (AllocationRecordCodec.StoreFormatException e) {
            throw new UntrustedInputException(file.toString(), (e.newerVersion() ? "" : "damaged allocation record: ")
                    + e.getMessage());
        }
        if (!pod.uid().equals(uid)) {
            throw new UntrustedInputException(file.toString(), "damaged allocation record: it is for pod uid " + pod.uid());
        }
        return Optional.of(pod);
    }

    /** Removes the record of the pod {@code uid}; whether there was one. */
    public boolean remove(String uid) throws IOException {
        return Files.deleteIfExists(fileOf(uid));
    }

    /** The UIDs of the pods with a record (files of other names are not the store's and are left alone). */
    public Set<String> uids() throws IOException {
        var uids = new TreeSet<String>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return uids;
        }
        try (var files = Files.list(dir)) {
            for (var f : (Iterable<Path>) files::iterator) {
                var name = f.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    var uid = name.substring(0, name.length() - SUFFIX.length());
                    try {
                        new ContainerIdentity(uid, "c");
                        uids.add(uid);
                    } catch (IllegalArgumentException notOurs) {
                        // a name that is no UID is not a record
                    }
                }
            }
        }
        return uids;
    }
}
