package io.hami.testfixtures.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.hami.bindings.nvml.NvmlReturn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The mock's profile reader: every fixture loads; broken profiles are named errors, never crashes. */
class MockProfileTest {

    private static final NvmlMock MOCK = NvmlMock.current();
    private static final String A100 = NvmlProfile.load(NvmlProfile.EIGHT_A100).text();

    @AfterAll
    static void backToNoProfile() {
        MOCK.tryUseProfileText(null);
    }

    static java.util.List<String> fixtures() {
        return NvmlProfile.ALL;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureProfileLoads(String name) {
        assertThat(MOCK.tryUseProfileText(NvmlProfile.load(name).text())).as(MOCK.lastError()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            not json                                               | line 1, column 1: expected a value, found 'n'
            {"devices": [}                                         | line 1, column 14: expected a value, found '}'
            {} trailing                                            | line 1, column 4: unexpected 't' after the document
            [1, 2]                                                 | a profile is a JSON object, not an array
            {"driverVersion": "1.0", "nvmlVersion": "1", "cudaDriverVersion": 12040} | devices (line 1, column 1): required member is missing
            {"driverVersion": 5}                                   | driverVersion (line 1, column 19): expected a string, found a number
            {"driverVersion": "1", "nvmlVersion": "1", "cudaDriverVersion": 12040, "devices": [], "colour": 1} | unknown member "colour"
            {"a": 1, "a": 2}                                       | duplicate member "a"
            "\\u0000"                                               | \\u0000 is not allowed
            {"x": "unterminated                                    | unterminated string
            """)
    void brokenProfilesAreNamedErrors(String text, String expected) {
        assertThat(MOCK.tryUseProfileText(text)).isEqualTo(NvmlReturn.INVALID_ARGUMENT.code());
        assertThat(MOCK.lastError()).startsWith("nvml-mock: profile set in-process: ").contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "memoryUsedMiB": 2048        | "memoryUsedMiB": 99999        | devices[0].memoryUsedMiB
            "minor": 3                   | "minor": 300                  | devices[3].minor
            "pciBusId": "00000000:47:00.0" | "pciBusId": "47:00"        | is not DDDDDDDD:BB:DD.F
            "migMode": {"current": 0, "pending": 0} | "migMode": {"current": 2, "pending": 0} | devices[0].migMode.current
            "uuid": "GPU-a1000001-5e1d-4c2b-9f3a-7d6e5c4b3a21" | "uuid": "GPU-a1000000-5e1d-4c2b-9f3a-7d6e5c4b3a20" | is also the uuid of devices[0]
            "architecture": 7            | "architecture": "seven"       | expected an integer, found a string
            "processes": []              | "processes": [], "faults": {"nvmlFrobnicate": 15} | is not a function this mock exports
            "processes": []              | "processes": [], "faults": {"nvmlDeviceGetUUID": "EXPLODED"} | needs an error status name
            """)
    void wrongValuesNameTheirDeviceAndMember(String from, String to, String expected) {
        assertThat(A100).contains(from);
        assertThat(MOCK.tryUseProfileText(A100.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))))
                .isEqualTo(NvmlReturn.INVALID_ARGUMENT.code());
        assertThat(MOCK.lastError()).contains(expected);
    }

    @Test
    void deepNestingIsRefusedNotRecursedInto() {
        var deep = "[".repeat(100_000);
        assertThat(MOCK.tryUseProfileText(deep)).isEqualTo(NvmlReturn.INVALID_ARGUMENT.code());
        assertThat(MOCK.lastError()).contains("nested deeper than 32");
    }

    @Test
    void hugeProfilesAreRefused() {
        assertThat(MOCK.tryUseProfileText(" ".repeat(2 * 1024 * 1024))).isEqualTo(NvmlReturn.INVALID_ARGUMENT.code());
        assertThat(MOCK.lastError()).contains("larger than");
    }

    @Test
    void truncatedAndMangledProfilesNeverCrashTheMock() {
        qt().withExamples(400).forAll(integers().between(0, A100.length()), integers().between(0, A100.length()),
                strings().basicLatinAlphabet().ofLengthBetween(0, 3)).checkAssert((cut, at, insert) -> {
                    var mangled = A100.substring(0, Math.min(cut, at)) + insert + A100.substring(Math.min(cut, at), cut);
                    int rc = MOCK.tryUseProfileText(mangled);
                    assertThat(rc).isIn(0, NvmlReturn.INVALID_ARGUMENT.code());
                    if (rc != 0) {
                        assertThat(MOCK.lastError()).startsWith("nvml-mock: profile set in-process: ").hasSizeGreaterThan(40);
                    }
                });
    }
}
