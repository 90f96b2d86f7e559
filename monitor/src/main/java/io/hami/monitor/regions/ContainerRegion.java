package io.hami.monitor.regions;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.bindings.region.RegionFormat;
import io.hami.bindings.region.RegionHeader;
import io.hami.bindings.region.RegionReader;
import io.hami.bindings.region.RegionSnapshot;
import io.hami.bindings.region.RegionWriter;
import io.hami.model.protocol.ContainerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * One container's open region: a reader kept open between passes, and a writer for the feedback opened on
 * first use. Both use positional reads and writes only, so a container that truncates its file can never
 * crash the monitor; {@link #check()} tells when the file behind the open descriptors is no longer the one
 * in the directory, so that the region is dropped and opened anew instead of trusted from a stale file.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class ContainerRegion implements AutoCloseable {

    /** What {@link #check()} found. */
    public enum State {
        /** Same file, at least as long as its layout. */
        CURRENT,
        /** The path now names another file, or nothing. */
        REPLACED,
        /** Same file, now shorter than its layout. */
        TRUNCATED
    }

    private final ContainerIdentity id;
    private final Path file;
    private final Object fileKey;
    private final RegionHeader header;
    private final RegionReader reader;
    private RegionWriter writer;
    private boolean closed;

    private ContainerRegion(ContainerIdentity id, Path file, Object fileKey, RegionHeader header, RegionReader reader) {
        this.id = id;
        this.file = file;
        this.fileKey = fileKey;
        this.header = header;
        this.reader = reader;
    }

    /**
     * Opens {@code file} and reads it once to prove it is a region.
     *
     * @throws InvalidRegionException when it is not (yet) a readable region
     * @throws IOException            when it cannot be opened or read
     */
    static ContainerRegion open(ContainerIdentity id, Path file) throws IOException, InvalidRegionException {
        var before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        var reader = RegionReader.open(file);
        try {
            var header = reader.snapshot().header();
            return new ContainerRegion(id, file, before.fileKey(), header, reader);
        } catch (IOException | InvalidRegionException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The container. */
    public ContainerIdentity id() {
        return id;
    }

    /** The region file. */
    public Path file() {
        return file;
    }

    /** The layout the file had when it was opened. */
    public RegionFormat format() {
        return header.format();
    }

    /** The layout and the stated version the file had when it was opened. */
    public RegionHeader header() {
        return header;
    }

    /** A fresh copy of the region, read now. */
    public RegionSnapshot snapshot() throws IOException, InvalidRegionException {
        return reader.snapshot();
    }

    /** Whether the open file is still the one in the directory, and still long enough. */
    public State check() throws IOException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return State.REPLACED;
        }
        if (!now.isRegularFile() || !Objects.equals(now.fileKey(), fileKey)) {
            return State.REPLACED;
        }
        return now.size() < header.format().minimumSize() ? State.TRUNCATED : State.CURRENT;
    }

    /** The writer of the two feedback fields, opened on first use. */
    public synchronized RegionWriter writer() throws IOException, InvalidRegionException {
        if (closed) {
            throw new java.nio.channels.ClosedChannelException();
        }
        if (writer == null) {
            writer = RegionWriter.open(file);
        }
        return writer;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (var r = reader; var w = writer) {
            // both closed, in reverse order, by try-with-resources
        }
    }

    @Override
    public String toString() {
        return id.directoryName() + "/" + file.getFileName();
    }
}
