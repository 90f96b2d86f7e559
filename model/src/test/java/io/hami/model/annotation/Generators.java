package io.hami.model.annotation;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/** Generators shared by the annotation properties. */
final class Generators {

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Generators() {
    }

    /** Any date-time whose year Go writes in four digits, with nanoseconds. */
    static Gen<LocalDateTime> localDateTimes() {
        Gen<LocalDate> dates = Generate.longRange(LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Gen<LocalTime> times = Generate.longRange(0, LocalTime.MAX.toNanoOfDay()).map(LocalTime::ofNanoOfDay);
        return dates.zip(times, LocalDateTime::of);
    }

    /** Offsets in whole minutes within Java's ±18:00; a quarter of them zero. */
    static Gen<ZoneOffset> offsets() {
        return Generate.frequency(Pair.of(1, Generate.constant(ZoneOffset.UTC)),
                Pair.of(3, Generate.range(-18 * 60, 18 * 60).map(m -> ZoneOffset.ofTotalSeconds(m * 60))));
    }

    static Gen<OffsetDateTime> offsetDateTimes() {
        return localDateTimes().zip(offsets(), OffsetDateTime::of);
    }

    /** A DNS-1123 label of {@code 1..max} characters. */
    static Gen<String> dnsLabels(int max) {
        Gen<String> edge = chars(LOWER_ALNUM).map((Character c) -> String.valueOf(c));
        Gen<String> middle = over(LOWER_ALNUM + "-", max - 2);
        return Generate.oneOf(edge, edge.zip(middle, edge, (a, m, b) -> a + m + b));
    }

    /** Pods with valid names; pod names of up to four labels of at most 60 characters stay within 253. */
    static Gen<PodRef> podRefs() {
        Gen<String> podNames = lists().of(dnsLabels(60)).ofSizeBetween(1, 4).map(parts -> String.join(".", parts));
        return dnsLabels(63).zip(podNames, PodRef::new);
    }

    /** Strings of up to {@code maxLength} characters from {@code alphabet}, for exercising a parser's branches. */
    static Gen<String> over(String alphabet, int maxLength) {
        return lists().of(chars(alphabet)).ofSizeBetween(0, maxLength)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** Any string of up to 64 code points, surrogates and controls included. */
    static Gen<String> anyStrings() {
        return strings().allPossible().ofLengthBetween(0, 64);
    }

    /** {@code text} with one character replaced, inserted or removed at a random place. */
    static Gen<String> mutationsOf(Gen<String> texts, String alphabet) {
        return texts.zip(Generate.range(0, 1000), chars(alphabet), Generate.range(0, 2), (text, at, c, kind) -> {
            if (text.isEmpty()) {
                return String.valueOf(c);
            }
            int i = at % text.length();
            return switch (kind) {
                case 0 -> text.substring(0, i) + c + text.substring(i + 1);
                case 1 -> text.substring(0, i) + c + text.substring(i);
                default -> text.substring(0, i) + text.substring(i + 1);
            };
        });
    }

    private static Gen<Character> chars(String alphabet) {
        List<Character> cs = alphabet.chars().mapToObj(c -> (char) c).toList();
        return Generate.pick(cs);
    }
}
