package io.hami.bindings.region;

import io.hami.bindings.region.InvalidRegionException.Reason;

/**
 * The rule that decides a region file's layout: from the file's size and the three 32-bit words at offsets 0,
 * 4 and 8, read before the layout is known. It is HAMi's own loader with one change: a header that states a
 * 1.x version wins over the size (see docs/regions.md).
 *
 * <ol>
 *   <li>size &lt; 12: rejected, truncated;</li>
 *   <li>word 0 is not the magic 19920718: rejected, not a region (also a region still being initialized);</li>
 *   <li>size &ge; 2 008 952 and major (word 4) = 1: minor (word 8, unsigned) 1 is {@link RegionFormat#V1_1},
 *       2 is {@link RegionFormat#V1_2}. Any other minor is a version we do not know: it is read with the newest
 *       1.x layout, 1.2, and the {@link RegionHeader} says the version is not known. HAMi does not check the
 *       minor at all and libvgpu only logs a different one: a minor version keeps the layout of its major. The
 *       1.x layouts have the same offsets, and the seqlock word of a 1.2 slot is 0 in a 1.1 file;</li>
 *   <li>size &ge; 2 008 952 and any other major: rejected, unknown version;</li>
 *   <li>size &lt; 2 008 952, major 1 and minor not 0: rejected, truncated. The header states a 1.x layout, so
 *       the file is a 1.x region cut short, whatever its size. HAMi reads a file of 1 197 896 bytes or more
 *       as v0 by size alone, and so reads a cut 1.x file with the wrong offsets;</li>
 *   <li>1 197 896 &le; size &lt; 2 008 952: {@link RegionFormat#V0}. In v0 the words at 4 and 8 are
 *       {@code sm_init_flag} and the low half of {@code owner_pid}; they read as "1.0" when the flag is 1 and no
 *       process holds the semaphore, a version no HAMi-core ever wrote, so that one is still v0;</li>
 *   <li>size &lt; 1 197 896: rejected, truncated; the message names the layout the header claims
 *       ({@code 1.x} when it states one, else {@code v0}).</li>
 * </ol>
 *
 * <p>The trailing byte libvgpu writes (files are {@code sizeof + 1} bytes) and any other extra bytes are allowed.
 * The two short-lived HAMi-core builds of 2026-03-25 that wrote "1.1" with other offsets cannot be told apart
 * from a real 1.1 file; no HAMi release shipped them.
 */
public final class RegionDetection {
    /** {@code initialized_flag} of an initialized region: 19920718, bytes {@code 4e f7 2f 01}. */
    public static final int MAGIC = 19_920_718;
    /** The bytes read before the layout is known: three 32-bit words. */
    public static final int HEADER_BYTES = 12;

    private static final RegionHeader V0 = RegionHeader.of(RegionFormat.V0);
    private static final RegionHeader V1_1 = RegionHeader.of(RegionFormat.V1_1);
    private static final RegionHeader V1_2 = RegionHeader.of(RegionFormat.V1_2);

    private RegionDetection() {
    }

    /**
     * The layout of a file of {@code size} bytes whose first three words are {@code magic}, {@code major} and
     * {@code minor}, with the version its header states.
     *
     * @throws InvalidRegionException when no layout fits, with a one-line reason
     */
    public static RegionHeader detect(long size, int magic, int major, int minor) throws InvalidRegionException {
        if (size < HEADER_BYTES) {
            throw new InvalidRegionException(Reason.TRUNCATED,
                    "truncated: " + size + " bytes, a region header needs " + HEADER_BYTES);
        }
        if (magic != MAGIC) {
            throw new InvalidRegionException(Reason.NOT_A_REGION, "not a HAMi-core region: magic " + hex(magic));
        }
        long v0 = RegionFormat.V0.minimumSize();
        long v1 = RegionFormat.V1_2.minimumSize();
        if (size >= v1) {
            if (major != 1) {
                throw new InvalidRegionException(Reason.UNKNOWN_VERSION, "unknown HAMi-core region version "
                        + Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor) + " (" + size + " bytes)");
            }
            return switch (minor) { // every snapshot detects: the known versions' headers are made once
                case 1 -> V1_1;
                case 2 -> V1_2;
                default -> new RegionHeader(RegionFormat.V1_2, "1." + Integer.toUnsignedString(minor));
            };
        }
        boolean states1x = major == 1 && minor != 0;
        if (size >= v0 && !states1x) {
            return V0;
        }
        String claimed = states1x ? "1." + Integer.toUnsignedString(minor) : RegionFormat.V0.label();
        long needs = states1x ? v1 : v0;
        throw new InvalidRegionException(Reason.TRUNCATED, "truncated: " + size + " bytes, layout " + claimed + " needs " + needs);
    }

    static String hex(int word) {
        return String.format("0x%08x", word);
    }
}
