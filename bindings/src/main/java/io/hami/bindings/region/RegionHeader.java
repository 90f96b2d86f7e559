package io.hami.bindings.region;

import java.util.Objects;

/**
 * What {@link RegionDetection} made of a file's header: the layout to read it with, and the version the header
 * states. The two differ only for a 1.x version we do not know (1.0, 1.3, …): HAMi-core keeps the offsets of a
 * major version and HAMi reads every major-1 file alike, so such a file is read with the newest 1.x layout,
 * and {@link #knownVersion()} says that this was a guess (see docs/regions.md).
 *
 * @param format  the layout the file is read and written with
 * @param version {@code v0}, or {@code 1.<minor>} as written (minor unsigned)
 */
public record RegionHeader(RegionFormat format, String version) {

    public RegionHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(version, "version");
    }

    /** The header of a file whose version is its layout's own. */
    public static RegionHeader of(RegionFormat format) {
        return new RegionHeader(format, format.label());
    }

    /** Whether the stated version is one of the known layouts, rather than read as the newest of its major. */
    public boolean knownVersion() {
        return version.equals(format.label());
    }

    /**
     * One line for a person when the version is not known, e.g. {@code unknown version 1.3: read with the newest
     * 1.x layout, 1.2, as HAMi-core's major version allows}; empty when it is known.
     */
    public String unknownVersionNote() {
        return knownVersion() ? "" : "unknown version " + version + ": read with the newest 1.x layout, " + format.label()
                + ", as HAMi-core's major version allows";
    }
}
