package io.hami.model.annotation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tables from HAMi's CheckUUID, CheckType and vgpu-mode tests; {@code <null>} is an absent annotation. */
class DeviceFiltersTest {

    @ParameterizedTest(name = "use={0} nouse={1} id={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "<null>", value = {
        "<null>      | <null> | abc  | true",
        "abc,123     | <null> | abc  | true",
        "abc,123     | <null> | 1abc | false",
        "<null>      | abc,123| abc  | false",
        "<null>      | abc,123| 1abc | true",
        "abc,123     | abc    | abc  | false",
        "abc,123     | 456    | abc  | true",
        "' abc , 123 '| <null> | abc | true",
        "''          | <null> | abc  | true",
        "'   '       | <null> | abc  | true",
        "<null>      | ''     | abc  | true",
        "ABC         | <null> | abc  | false",
        "abc,        | <null> | ''   | false",
        "','         | <null> | abc  | false",
        "<null>      | ','    | abc  | true",
    })
    void uuidFilterMatchesCheckUuid(String use, String nouse, String id, boolean admitted) {
        assertThat(UuidFilter.fromAnnotations(use, nouse).admits(id)).isEqualTo(admitted);
    }

    @ParameterizedTest(name = "use={0} nouse={1} type={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "<null>", value = {
        "<null>     | <null>  | NVIDIA-A100 | true",
        "A100,V100  | <null>  | NVIDIA-A100 | true",
        "V100       | <null>  | NVIDIA-A100 | false",
        "<null>     | A100    | NVIDIA-A100 | false",
        "<null>     | V100    | NVIDIA-A100 | true",
        "''         | <null>  | NVIDIA-A100 | true",
        "<null>     | '   '   | NVIDIA-A100 | true",
        "A100       | A100    | NVIDIA-A100 | false",
        "<null>     | 'V100,' | NVIDIA-A100 | true",
        "<null>     | ',V100' | NVIDIA-A100 | true",
        "'V100,'    | <null>  | NVIDIA-A100 | false",
        "A10        | <null>  | NVIDIA A100 | true",
        "A10        | A100    | NVIDIA A100 | false",
        "A10        | A100    | NVIDIA A10  | true",
        "a100       | <null>  | nvidia-a100 | true",
        "<null>     | A100    | NVIDIA-V100 | true",
        "A100       | <null>  | NVIDIA-V100 | false",
    })
    void typeFilterMatchesCheckType(String use, String nouse, String type, boolean admitted) {
        assertThat(TypeFilter.fromAnnotations(use, nouse).admits(type)).isEqualTo(admitted);
    }

    @ParameterizedTest(name = "vgpu-mode={0} device mode={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "<null>", value = {
        "mps       | hami-core | false",
        "hami-core | hami-core | true",
        "<null>    | mig       | true",
        "mig,mps   | mps       | true",
        "''        | hami-core | false",
        "''        | ''        | true",
        "mps       | ''        | true",
        "MIG       | mig       | false",
    })
    void vgpuModeFilterAdmitsModesContainedInTheValue(String annotation, String mode, boolean admitted) {
        assertThat(VgpuModeFilter.fromAnnotation(annotation).admits(mode)).isEqualTo(admitted);
    }

    @Test
    void filtersNormaliseElementsAndWriteThemBack() {
        var uuids = UuidFilter.fromAnnotations(" GPU-a ,, GPU-b", "   ");
        var types = TypeFilter.fromAnnotations("a100, v100 ,", null);

        assertThat(uuids).isEqualTo(new UuidFilter(Optional.of(List.of("GPU-a", "GPU-b")), Optional.empty()));
        assertThat(uuids.useValue()).isEqualTo("GPU-a,GPU-b");
        assertThat(uuids.nouseValue()).isNull();
        assertThat(types.use()).contains(List.of("A100", "V100"));
        assertThat(UuidFilter.fromAnnotations(",", null).useValue()).isEqualTo(",");
        assertThat(UuidFilter.fromAnnotations(null, null)).isEqualTo(UuidFilter.NONE);
        assertThat(TypeFilter.fromAnnotations("", " ")).isEqualTo(TypeFilter.NONE);
    }

    @Test
    void twoUuidFiltersTogetherAdmitExactlyWhatBothAdmit() {
        var values = java.util.Arrays.asList(null, ",", "a", "a,b", "b,c");
        for (String use1 : values) {
            for (String nouse1 : values) {
                for (String use2 : values) {
                    for (String nouse2 : values) {
                        var first = UuidFilter.fromAnnotations(use1, nouse1);
                        var second = UuidFilter.fromAnnotations(use2, nouse2);
                        for (String id : List.of("a", "b", "c", "d")) {
                            assertThat(first.and(second).admits(id)).as("%s and %s on %s", first, second, id)
                                    .isEqualTo(first.admits(id) && second.admits(id));
                        }
                    }
                }
            }
        }
        assertThat(UuidFilter.NONE.and(UuidFilter.NONE)).isEqualTo(UuidFilter.NONE);
    }

    @Test
    void filterRecordsRejectElementsNotInNormalForm() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UuidFilter(Optional.of(List.of(" a")), Optional.empty()));
        assertThatIllegalArgumentException().isThrownBy(() -> new UuidFilter(Optional.empty(), Optional.of(List.of(""))));
        assertThatIllegalArgumentException().isThrownBy(() -> new UuidFilter(Optional.of(List.of("a,b")), Optional.empty()));
        assertThatIllegalArgumentException().isThrownBy(() -> new TypeFilter(Optional.of(List.of("a100")), Optional.empty()));
    }

    @Test
    void canonicalJsonRoundTripsFilters() {
        assertThat(assertJsonRoundTrip(UuidFilter.fromAnnotations("GPU-a", null), UuidFilter.class))
                .isEqualTo("{\"use\":[\"GPU-a\"],\"nouse\":null}");
        assertJsonRoundTrip(TypeFilter.fromAnnotations("A100", ","), TypeFilter.class);
        assertThat(assertJsonRoundTrip(VgpuModeFilter.fromAnnotation("mig"), VgpuModeFilter.class))
                .isEqualTo("{\"allowed\":\"mig\"}");
        assertJsonRoundTrip(VgpuModeFilter.NONE, VgpuModeFilter.class);
    }
}
