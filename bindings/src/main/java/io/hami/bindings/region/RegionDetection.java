package io.hami.bindings.region;

import io.hami.bindings.region.InvalidRegionException.Reason;

/**
 * The rule that decides a region file's layout, after HAMi's own loader: from the file's size and the three
 * 32-bit words at offsets 0, 4 and 8, read before the layout is known.
 *
 * <ol>
 *   <li>size &lt; 12: rejected, truncated;</li>
 *   <li>word 0 is not the magic 19920718: rejected, not a region (also a region still being initialized);</li>
 *   <li>1 197 896 &le; size &lt; 2 008 952: {@link RegionFormat#V0}, by size alone; words 4 and 8 are ignored
 *       (in v0 they are {@code sm_init_flag} and half of {@code owner_pid});</li>
 *   <li>size &ge; 2 008 952 and major (word 4) = 1: minor (word 8, unsigned) &le; 1 is {@link RegionFormat#V1_1},
 *       anything higher {@link RegionFormat#V1_2}. HAMi does not check the minor at all; the two layouts have
 *       the same offsets, and following the 1.2 seqlock costs nothing on a 1.1 file, whose word there is 0;</li>
 *   <li>size &ge; 2 008 952 and any other major: rejected, unknown version;</li>
 *   <li>size &lt; 1 197 896: rejected, truncated; the message names the layout the header claims
 *       ({@code 1.x} when major is 1, else {@code v0}).</li>
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

    private RegionDetection() {
    }

    /**
     * The layout of a file of {@code size} bytes whose first three words are {@code magic}, {@code major} and
     * {@code minor}.
     *
     * @throws InvalidRegionException when no layout fits, with a one-line reason
     */
    public static RegionFormat detect(long size, int magic, int major, int minor) throws InvalidRegionException {
        if (size < HEADER_BYTES) {
            throw new InvalidRegionException(Reason.TRUNCATED,
                    "truncated: " + size + " bytes, a region header needs " + HEADER_BYTES);
        }
        if (magic != MAGIC) {
            throw new InvalidRegionException(Reason.NOT_A_REGION, "not a HAMi-core region: magic " + hex(magic));
        }
        long v0 = RegionFormat.V0.minimumSize();
        long v1 = RegionFormat.V1_2.minimumSize();
        if (size >= v0 && size < v1) {
            return RegionFormat.V0;
        }
        if (size >= v1) {
            if (major != 1) {
                throw new InvalidRegionException(Reason.UNKNOWN_VERSION, "unknown HAMi-core region version "
                        + Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor) + " (" + size + " bytes)");
            }
            return Integer.compareUnsigned(minor, 1) <= 0 ? RegionFormat.V1_1 : RegionFormat.V1_2;
        }
        String claimed = major == 1 ? "1." + Integer.toUnsignedString(minor) : RegionFormat.V0.label();
        long needs = major == 1 ? v1 : v0;
        throw new InvalidRegionException(Reason.TRUNCATED, "truncated: " + size + " bytes, layout " + claimed + " needs " + needs);
    }

    static String hex(int word) {
        return String.format("0x%08x", word);
    }
}
