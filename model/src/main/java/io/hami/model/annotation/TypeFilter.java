package io.hami.model.annotation;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which devices a pod admits by model ({@code nvidia.com/use-gputype}, {@code nvidia.com/nouse-gputype},
 * and the other vendors' equivalents): HAMi's {@code CheckType}.
 *
 * <p>An element matches a device type when the upper-cased type contains the upper-cased element
 * ({@code A10} matches {@code NVIDIA A100}); upper-casing is Go's {@code strings.ToUpper}, one code point
 * to one. A device is admitted when some element of {@code use} matches (if set) and none of
 * {@code nouse} does (if set). An absent or blank annotation sets no constraint; empty elements from
 * stray commas never match.
 *
 * @param use   the model substrings to choose from, trimmed, upper-cased and non-empty
 * @param nouse the model substrings to avoid, trimmed, upper-cased and non-empty
 */
public record TypeFilter(Optional<List<String>> use, Optional<List<String>> nouse) {

    private static final UnaryOperator<String> UPPER = GoText::toUpper;

    /** The filter that admits every device. */
    public static final TypeFilter NONE = new TypeFilter(Optional.empty(), Optional.empty());

    /** @throws IllegalArgumentException when an element is empty, untrimmed, not upper case or has a comma */
    public TypeFilter {
        use = CommaList.canonical("use", use, UPPER);
        nouse = CommaList.canonical("nouse", nouse, UPPER);
    }

    /**
     * The filter the two annotation values set.
     *
     * @param useValue   the use-list annotation value, or {@code null} when absent
     * @param nouseValue the nouse-list annotation value, or {@code null} when absent
     */
    public static TypeFilter fromAnnotations(String useValue, String nouseValue) {
        return new TypeFilter(CommaList.parse(useValue, UPPER), CommaList.parse(nouseValue, UPPER));
    }

    /** True when a device of this type (model name) may be used. */
    public boolean admits(String deviceType) {
        String type = GoText.toUpper(deviceType);
        return use.map(l -> anyIn(type, l)).orElse(true) && nouse.map(l -> !anyIn(type, l)).orElse(true);
    }

    private static boolean anyIn(String type, List<String> elements) {
        return elements.stream().anyMatch(type::contains);
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
