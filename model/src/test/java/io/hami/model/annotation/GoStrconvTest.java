package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code strconv} integer rules, which the colon formats inherit. */
class GoStrconvTest {

    @ParameterizedTest(name = "ParseInt({0}, 10, 32) = {1}")
    @CsvSource({"0,0", "-0,0", "+7,7", "007,7", "2147483647,2147483647", "-2147483648,-2147483648"})
    void parsesWhatGoParses(String text, long expected) throws Exception {
        assertThat(GoStrconv.parseInt(text, 32)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ParseInt({0}, 10, 32) fails: {1}")
    @CsvSource(quoteCharacter = '"', value = {
            "\"\",invalid syntax", "+,invalid syntax", "-,invalid syntax", "+-1,invalid syntax", "1_000,invalid syntax",
            "0x10,invalid syntax", "\" 1\",invalid syntax", "1.0,invalid syntax", "\u0661,invalid syntax",
            "2147483648,value out of range", "-2147483649,value out of range", "4294967296x,value out of range",
            "429496729x,invalid syntax", "99999999999999999999,value out of range"})
    void rejectsWithGosReason(String text, String reason) {
        assertThatExceptionOfType(GoStrconv.ParseException.class).isThrownBy(() -> GoStrconv.parseInt(text, 32))
                .withMessage(reason);
    }

    @ParameterizedTest(name = "Atoi({0}) is out of our 32-bit range")
    @CsvSource({"2147483648", "-9223372036854775808", "9223372036854775808"})
    void narrowsAtoiTo32Bits(String text) {
        assertThatExceptionOfType(GoStrconv.ParseException.class).isThrownBy(() -> GoStrconv.atoi(text))
                .withMessage(GoStrconv.OUT_OF_RANGE);
    }
}
