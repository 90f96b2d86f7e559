package io.hami.model.annotation;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Which devices a pod admits by UUID ({@code nvidia.com/use-gpuuuid}, {@code nvidia.com/nouse-gpuuuid},
 * and the other vendors' equivalents): HAMi's {@code CheckUUID}.
 *
 * <p>A device is admitted when its UUID equals one element of {@code use} (if set) and none of
 * {@code nouse} (if set). Comparison is exact: case and every character count. An absent or blank
 * annotation sets no constraint; a non-blank one of only commas admits nothing (for {@code use}) or
 * excludes nothing (for {@code nouse}). Empty elements never match, not even an empty UUID.
 *
 * @param use   the UUIDs to choose from, trimmed and non-empty; empty when unconstrained
 * @param nouse the UUIDs to avoid, trimmed and non-empty; empty when unconstrained
 */
public record UuidFilter(Optional<List<String>> use, Optional<List<String>> nouse) {

    private static final UnaryOperator<String> AS_IS = UnaryOperator.identity();

    /** The filter that admits every device. */
    public static final UuidFilter NONE = new UuidFilter(Optional.empty(), Optional.empty());

    /** @throws IllegalArgumentException when an element is empty, untrimmed or contains a comma */
    public UuidFilter {
        use = CommaList.canonical("use", use, AS_IS);
        nouse = CommaList.canonical("nouse", nouse, AS_IS);
    }

    /**
     * The filter the two annotation values set.
     *
     * @param useValue   the use-list annotation value, or {@code null} when absent
     * @param nouseValue the nouse-list annotation value, or {@code null} when absent
     */
    public static UuidFilter fromAnnotations(String useValue, String nouseValue) {
        return new UuidFilter(CommaList.parse(useValue, AS_IS), CommaList.parse(nouseValue, AS_IS));
    }

    /** True when the device with this UUID may be used. */
    public boolean admits(String uuid) {
        return use.map(l -> l.contains(uuid)).orElse(true) && nouse.map(l -> !l.contains(uuid)).orElse(true);
    }

    /**
     * The filter admitting exactly the devices both admit (a pod constrained by two pairs of annotations, as Kunlunxin's
     * are): the use lists intersected where both are set, the nouse lists joined.
     */
    public UuidFilter and(UuidFilter other) {
        Optional<List<String>> both = use.isEmpty() ? other.use : other.use.isEmpty() ? use
                : Optional.of(use.get().stream().filter(other.use.get()::contains).distinct().toList());
        Optional<List<String>> neither = nouse.isEmpty() ? other.nouse : other.nouse.isEmpty() ? nouse
                : Optional.of(Stream.concat(nouse.get().stream(), other.nouse.get().stream()).distinct().toList());
        return new UuidFilter(both, neither);
    }

    /** The use-list annotation value that sets this constraint again, or {@code null} for none. */
    public String useValue() {
        return CommaList.value(use);
    }

    /** The nouse-list annotation value that sets this constraint again, or {@code null} for none. */
    public String nouseValue() {
        return CommaList.value(nouse);
    }
}
