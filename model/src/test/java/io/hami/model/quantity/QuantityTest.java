package io.hami.model.quantity;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantityTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            0           | 0
            -0          | 0
            +5          | 5
            007         | 7
            1k          | 1000
            1Ki         | 1024
            1Gi         | 1073741824
            16Gi        | 17179869184
            2000m       | 2
            1500m       | -
            0.5         | -
            1.5k        | 1500
            0.5Ki       | 512
            1e3         | 1000
            1E3         | 1000
            12e+6       | 12000000
            1000e-3     | 1
            1e-3        | -
            1E          | 1000000000000000000
            10E         | -
            9E          | 9000000000000000000
            -9223372036854775808 | -9223372036854775808
            9223372036854775807  | 9223372036854775807
            9223372036854775808  | -
            8Ei         | 9223372036854775807
            -8Ei        | -9223372036854775807
            0.9999999999 | 1
            1n          | -
            """)
    void readsExactIntegersLikeAsInt64(String text, Long expected) throws WireFormatException {
        OptionalLong actual = Quantity.parse(text).asExactLong();
        if (expected == null) {
            assertThat(actual).isEmpty();
        } else {
            assertThat(actual).hasValue(expected);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0        | 0
            0.000    | 0
            -0Gi     | 0
            1000     | 1k
            1k       | 1k
            1024     | 1024
            1024Mi   | 1Gi
            1536Mi   | 1536Mi
            0.5Gi    | 512Mi
            1.5Ki    | 1536
            512Ki    | 512Ki
            100Ki    | 100Ki
            1Ei      | 1Ei
            8Ei      | 9223372036854775807
            0.5Ki    | 512
            0.5      | 500m
            1.5      | 1500m
            -1.5     | -1500m
            1500m    | 1500m
            2000m    | 2
            1e3      | 1e3
            1000e0   | 1e3
            1.5e3    | 1500
            12e6     | 12e6
            1e-3     | 1e-3
            1e-12    | 1e-9
            0.000000000001 | 1n
            0.1n     | 1n
            1.000000001 | 1000000001n
            1e21     | 1e21
            1000E    | 1000E
            1e19     | 10e18
            10E      | 10E
            1Mi      | 1Mi
            """)
    void writesKubernetesCanonicalForm(String text, String canonical) throws WireFormatException {
        assertThat(Quantity.parse(text).canonical()).isEqualTo(canonical);
        assertThat(Quantity.parse(canonical)).isEqualTo(Quantity.parse(text));
    }

    @Test
    void decimalSiBeyondExaKeepsTheExaSuffix() throws WireFormatException {
        assertThat(Quantity.parse("1000000000000000000000").canonical()).isEqualTo("1000E");
    }

    @Test
    void keepsTextValueAndFormat() throws WireFormatException {
        var q = Quantity.parse("1536Mi");
        assertThat(q.text()).isEqualTo("1536Mi");
        assertThat(q.value()).isEqualByComparingTo(BigDecimal.valueOf(1536L << 20));
        assertThat(q.format()).isEqualTo(QuantityFormat.BINARY_SI);
        assertThat(q).hasToString("1536Mi");
        assertThat(Quantity.parse("0.5Ki").format()).isEqualTo(QuantityFormat.BINARY_SI);
        assertThat(Quantity.parse("0.5Mi").format()).isEqualTo(QuantityFormat.BINARY_SI);
        assertThat(Quantity.parse("1e3").format()).isEqualTo(QuantityFormat.DECIMAL_EXPONENT);
        assertThat(Quantity.parse("0.25Ki").format()).isEqualTo(QuantityFormat.BINARY_SI);
        assertThat(Quantity.parse("0.0001Ki").format()).isEqualTo(QuantityFormat.DECIMAL_SI);
    }

    @Test
    void equalityIsByValue() throws WireFormatException {
        assertThat(Quantity.parse("1Gi")).isEqualTo(Quantity.parse("1073741824"))
                .hasSameHashCodeAs(Quantity.parse("1073741824"));
        assertThat(Quantity.parse("1k")).isEqualTo(Quantity.parse("1000.000")).hasSameHashCodeAs(Quantity.parse("1e3"));
        assertThat(Quantity.parse("1k")).isLessThan(Quantity.parse("1Ki"));
        assertThat(Quantity.parse("0")).isEqualTo(Quantity.parse("-0.0")).hasSameHashCodeAs(Quantity.parse("0m"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''        | 'quantity: value: empty: ""'
            ' 1'      | 'quantity: value: expected a number: " 1"'
            '1 '      | 'quantity: value: unknown suffix (expected n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>): "1 "'
            '.'       | 'quantity: value: expected a number: "."'
            '.5'      | 'quantity: value: expected a number: ".5"'
            '1.'      | 'quantity: value: expected digits after the decimal point: "1."'
            '1.k'     | 'quantity: value: expected digits after the decimal point: "1.k"'
            '+-1'     | 'quantity: value: expected a number: "+-1"'
            '-'       | 'quantity: value: expected a number: "-"'
            '1e'      | 'quantity: value: unknown suffix (expected n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>): "1e"'
            '1e+'     | 'quantity: value: unknown suffix (expected n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>): "1e+"'
            '1e3i'    | 'quantity: value: unknown suffix (expected n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>): "1e3i"'
            '1Gb'     | 'quantity: value: unknown suffix (expected n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>): "1Gb"'
            '1K'      | 'quantity: value: unknown suffix (expected n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>): "1K"'
            '1mi'     | 'quantity: value: unknown suffix (expected n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>): "1mi"'
            '1.1.1'   | 'quantity: value: unknown suffix (expected n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>): "1.1.1"'
            'Gi'      | 'quantity: value: expected a number: "Gi"'
            '١'       | 'quantity: value: expected a number: "١"'
            '1e1001'  | 'quantity: value: exponent beyond ±1000: "1e1001"'
            '1e-99999999999999999999' | 'quantity: value: exponent beyond ±1000: "1e-99999999999999999999"'
            """)
    void rejectsMalformedTextNamingIt(String text, String message) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(WireFormatException.class)
                .hasMessage(message);
    }

    @Test
    void capsHugeBinaryValuesLikeKubernetes() throws WireFormatException {
        assertThat(Quantity.parse("9".repeat(254) + "Ei").asExactLong()).hasValue(Long.MAX_VALUE);
    }

    @Test
    void namesTheFieldItWasGiven() {
        assertThatThrownBy(() -> Quantity.parse("nvidia.com/gpumem", "lots"))
                .hasMessage("quantity: nvidia.com/gpumem: expected a number: \"lots\"");
    }

    @Test
    void rejectsOverlongText() {
        String text = "1".repeat(Quantity.MAX_LENGTH + 1);
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("quantity: value: longer than 256 characters: \"1111");
    }

    static java.util.stream.Stream<String> extremeValues() {
        return java.util.stream.Stream.of("1e1000", "1e-1000", "9".repeat(250) + "e1000",
                "0." + "0".repeat(200) + "1e-1000", "-1e1000", "9".repeat(250) + "E");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("extremeValues")
    void extremeButLegalValuesStayCheap(String text) throws WireFormatException {
        var q = Quantity.parse(text);
        assertThat(q.canonical().length()).isLessThan(2_000);
        assertThat(q.asExactLong()).isEmpty();
    }
}
