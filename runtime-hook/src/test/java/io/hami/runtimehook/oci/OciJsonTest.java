package io.hami.runtimehook.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hami.runtimehook.HookException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OCI documents' own JSON reader and writer: strict grammar, exact numbers, errors with line and column. */
class OciJsonTest {
    private static final JsonMapper JACKSON = new JsonMapper();

    private static JsonObject read(String json) throws HookException {
        return OciJson.readObject(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    private static String write(JsonObject o) {
        return new String(OciJson.write(o), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "1.50", "18446744073709551615", "-9223372036854775809", "1e400", "1E-7", "2.5e+10",
        "123456789012345678901234567890.000000000000000000001"})
    void numbersAreWrittenBackAsTheyWereWritten(String number) throws Exception {
        var json = "{\"n\":" + number + ",\"a\":[" + number + "]}";
        assertThat(write(read(json))).isEqualTo(json);
    }

    @Test
    void integersThatFitALongReadAsOneAndOthersDoNot() throws Exception {
        var o = read("{\"a\":-9223372036854775808,\"b\":9223372036854775808,\"c\":1.0,\"d\":1e2,\"e\":-0}");
        assertThat(((JsonNumber) o.get("a")).longValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(((JsonNumber) o.get("b")).longValue()).isNull();
        assertThat(((JsonNumber) o.get("c")).longValue()).isNull();
        assertThat(((JsonNumber) o.get("d")).longValue()).isNull();
        assertThat(((JsonNumber) o.get("e")).longValue()).isZero();
    }

    @Test
    void stringsDecodeEscapesAndUtf8AndWriteAsJacksonDoes() throws Exception {
        var json = "{\"s\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0001\\u001f é ✓ 😀 \\u00e9 \\ud83d\\ude00\"}";
        var s = (String) read(json).get("s");
        assertThat(s).isEqualTo("q\" b\\ s/ \b\f\n\r\t \u0001\u001f é ✓ 😀 é 😀");
        var written = write(read(json));
        assertThat(written).isEqualTo(JACKSON.writeValueAsString(JACKSON.readTree(json)));
        assertThat(written).contains("\\u0001\\u001F", "😀 é 😀");
    }

    @Test
    void aLoneSurrogateIsWrittenEscapedSoTheOutputStaysUtf8() throws Exception {
        var o = read("{\"s\":\"a\\ud800b\"}");
        assertThat((String) o.get("s")).isEqualTo("a\ud800b");
        var bytes = OciJson.write(o);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"s\":\"a\\uD800b\"}");
        assertThat(read(new String(bytes, StandardCharsets.UTF_8))).isEqualTo(o);
    }

    @Test
    void membersKeepTheirOrderAndNullsStay() throws Exception {
        var json = "{\"z\":null,\"a\":{},\"m\":[],\"b\":[null,true,false,{\"x\":[[]]}]}";
        assertThat(write(read(json))).isEqualTo(json);
        assertThat(write(read(" \t\r\n" + json.replace(",", " ,\n ").replace(":", " : ") + "\n"))).isEqualTo(json);
    }

    @Test
    void anEditAppendsNewMembersAndKeepsAnExistingOnesPlace() throws Exception {
        var o = read("{\"a\":1,\"b\":2}");
        o.put("a", "one").put("c", true).remove("b");
        assertThat(write(o)).isEqualTo("{\"a\":\"one\",\"c\":true}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "leading zero          | {\"a\":01}                  | line 1, column 7: expected ',' or '}' in an object, found '1'",
        "bare fraction         | {\"a\":.5}                  | line 1, column 6: unexpected '.'",
        "no fraction digits    | {\"a\":1.}                  | line 1, column 8: expected a digit after '.', found '}'",
        "plus sign             | {\"a\":+1}                  | line 1, column 6: unexpected '+'",
        "NaN                   | {\"a\":NaN}                 | line 1, column 6: unexpected 'N'",
        "empty exponent        | {\"a\":1e}                  | line 1, column 8: expected a digit in the exponent, found '}'",
        "trailing comma        | {\"a\":1,}                  | line 1, column 8: expected a member name in double quotes, found '}'",
        "array trailing comma  | {\"a\":[1,]}                | line 1, column 9: unexpected ']'",
        "unquoted name         | {a:1}                       | line 1, column 2: expected a member name in double quotes, found 'a'",
        "missing colon         | {\"a\" 1}                   | line 1, column 6: expected ':', found '1'",
        "bad literal           | {\"a\":tru}                 | line 1, column 6: unexpected 't'",
        "unknown escape        | {\"a\":\"\\x\"}             | line 1, column 7: an unknown escape in a string: backslash then 'x'",
        "short unicode escape  | {\"a\":\"\\u12\"}           | line 1, column 7: an escape \\u without four hexadecimal digits",
        "unterminated string   | {\"a\":\"abc                | line 1, column 6: a string without its closing quote",
        "unterminated object   | {\"a\":1                    | line 1, column 7: expected ',' or '}' in an object, found the end of the input",
        "comment               | {/*x*/}                     | line 1, column 2: expected a member name in double quotes, found '/'",
        "trailing document     | {} {}                       | line 1, column 4: more content after the document",
        "duplicate member      | {\"a\":1,\"b\":2,\"a\":3}   | line 1, column 14: duplicate member \"a\"",
    })
    void rejectsWhatStrictJsonDoesNotAllowNamingLineAndColumn(String name, String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(HookException.class)
                .hasMessage("config.json: not valid JSON at " + message);
    }

    @Test
    void anErrorOnALaterLineNamesThatLineAndItsColumn() {
        assertThatThrownBy(() -> read("{\n  \"a\": 1,\n  \"b\": [1, 2,,]\n}"))
                .hasMessage("config.json: not valid JSON at line 3, column 14: unexpected ','");
    }

    @Test
    void controlCharactersAndInvalidUtf8InStringsAreRefused() {
        assertThatThrownBy(() -> read("{\"a\":\"x\ty\"}")).hasMessageContaining("line 1, column 8: a control character in a string (U+0009");
        for (var bad : new byte[][] {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xe2, (byte) 0x9c}, {(byte) 0x80}}) {
            var doc = new byte[8 + bad.length];
            System.arraycopy("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), 0, doc, 0, 6);
            System.arraycopy(bad, 0, doc, 6, bad.length);
            doc[6 + bad.length] = '"';
            doc[7 + bad.length] = '}';
            assertThatThrownBy(() -> OciJson.readObject(doc, "config.json"))
                    .hasMessageStartingWith("config.json: not valid JSON at line 1, column 7: invalid UTF-8");
        }
    }

    @Test
    void nestingIsBoundedAtSixtyFourLevels() throws Exception {
        var ok = "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";
        assertThat(write(read(ok))).isEqualTo(ok);
        var deep = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";
        assertThatThrownBy(() -> read(deep)).hasMessage("config.json: not valid JSON at line 1, column 69: nesting deeper than 64 levels");
    }

    @Test
    void errorsAreOneLineEvenWhenTheInputIsNot() {
        assertThatThrownBy(() -> read("{\"a\n\":1,\"a\n\":2}")).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
