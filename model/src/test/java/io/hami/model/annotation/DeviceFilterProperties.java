package io.hami.model.annotation;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.Locale;
import java.util.Optional;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

class DeviceFilterProperties {

    private static final String ALPHABET = "GPU-ab01, \t\u00a0A100v";

    /** Annotation values, {@code null} standing for an absent annotation. */
    private static Gen<String> values() {
        return Generate.oneOf(Generators.over(ALPHABET, 30), Generators.anyStrings(), Generate.constant((String) null));
    }

    @Test
    void filtersFromAnyValuesWriteBackValuesThatRebuildThem() {
        qt().withExamples(1000).forAll(values(), values()).checkAssert((use, nouse) -> {
            UuidFilter uuids = UuidFilter.fromAnnotations(use, nouse);
            TypeFilter types = TypeFilter.fromAnnotations(use, nouse);

            assertThat(UuidFilter.fromAnnotations(uuids.useValue(), uuids.nouseValue())).isEqualTo(uuids);
            assertThat(TypeFilter.fromAnnotations(types.useValue(), types.nouseValue())).isEqualTo(types);
            assertJsonRoundTrip(uuids, UuidFilter.class);
            assertJsonRoundTrip(types, TypeFilter.class);
        });
    }

    @Test
    void uuidFilterAdmitsExactlyListedUuidsThatAreNotExcluded() {
        qt().withExamples(1000).forAll(values(), values(), values()).checkAssert((use, nouse, id) -> {
            UuidFilter filter = UuidFilter.fromAnnotations(use, nouse);
            String uuid = id == null ? "" : id;
            boolean listed = filter.use().map(l -> l.contains(uuid)).orElse(true);
            boolean excluded = filter.nouse().map(l -> l.contains(uuid)).orElse(false);

            assertThat(filter.admits(uuid)).isEqualTo(listed && !excluded);
            filter.use().ifPresent(l -> l.forEach(u -> assertThat(filter.admits(u))
                    .isEqualTo(!filter.nouse().map(n -> n.contains(u)).orElse(false))));
        });
    }

    @Test
    void typeFilterIgnoresCaseOfTheDeviceType() {
        qt().withExamples(1000).forAll(values(), values(), values()).checkAssert((use, nouse, type) -> {
            TypeFilter filter = TypeFilter.fromAnnotations(use, nouse);
            String t = type == null ? "" : type;

            assertThat(filter.admits(t)).isEqualTo(filter.admits(GoText.toUpper(t)));
            TypeFilter useOnly = TypeFilter.fromAnnotations(use, null);
            useOnly.use().ifPresent(l -> l.stream().filter(e -> e.chars().allMatch(c -> c < 128)).forEach(
                    e -> assertThat(useOnly.admits("x" + e.toLowerCase(Locale.ROOT) + "x")).as(e).isTrue()));
        });
    }

    @Test
    void vgpuModeFilterIsSubstringOfThePresentValue() {
        qt().withExamples(1000).forAll(values(), values()).checkAssert((value, mode) -> {
            String m = mode == null ? "" : mode;
            VgpuModeFilter filter = VgpuModeFilter.fromAnnotation(value);

            assertThat(filter.admits(m)).isEqualTo(value == null || value.contains(m));
            assertThat(filter).isEqualTo(new VgpuModeFilter(Optional.ofNullable(value)));
            assertJsonRoundTrip(filter, VgpuModeFilter.class);
        });
    }
}
