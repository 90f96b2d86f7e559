package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.MetaxTopologyTable;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MetaX's whole-GPU topology losses and scores: the plugin's strings, Go's map unmarshal rules, Go's output. */
class MetaxTopologyCodecTest {

    private static final MetaxTopologyCodec CODEC = MetaxTopologyCodec.INSTANCE;
    /** The table HAMi's own tests read ({@code TestParseMetaxAnnos}). */
    private static final String EIGHT_GPUS = "{\"1\":0,\"2\":110,\"3\":270,\"4\":540,\"5\":580,\"6\":730,\"7\":930,"
            + "\"8\":1240}";

    @ParameterizedTest
    @CsvSource({"1,0", "2,110", "3,270", "4,540", "5,580", "6,730", "7,930", "8,1240"})
    void readsTheValueForEachNumberOfGpus(int gpus, long value) throws Exception {
        assertThat(CODEC.decode(EIGHT_GPUS).valueFor(gpus)).hasValue(value);
    }

    @Test
    void aNumberOfGpusWithoutAnEntryHasNoValue() throws Exception {
        assertThat(CODEC.decode("{\"1\":100,\"2\":200}").valueFor(3)).isEqualTo(OptionalLong.empty());
        assertThat(CODEC.decode("null").byCount()).isEmpty();
        assertThat(CODEC.decode("{}").byCount()).isEmpty();
    }

    @Test
    void writesGoOutputByteForByte() throws Exception {
        assertThat(CODEC.encode(CODEC.decode(EIGHT_GPUS))).isEqualTo(EIGHT_GPUS);
        assertThat(CODEC.encode(new MetaxTopologyTable(Map.of(10L, 5L, 2L, -1L, -3L, 0L))))
                .as("keys sorted as text, as Go sorts map keys").isEqualTo("{\"-3\":0,\"10\":5,\"2\":-1}");
    }

    @Test
    void readsKeysAsStrconvParseIntDoes() throws Exception {
        assertThat(CODEC.decode("{\"+2\":7,\"02\":9}").byCount()).as("the last of equal keys wins")
                .containsExactly(Map.entry(2L, 9L));
        assertThat(CODEC.decode("{\"1\":null}").valueFor(1)).hasValue(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[0,110]                     | value     | expected an object from a number of GPUs to an integer",
        "'\"{}\"'                    | value     | expected an object from a number of GPUs to an integer",
        "{\"two\":110}               | [\"two\"] | a key must be a number of GPUs (a 64-bit integer)",
        "{\"\":1}                    | [\"\"]    | a key must be a number of GPUs (a 64-bit integer)",
        "{\" 1\":1}                  | [\" 1\"]  | a key must be a number of GPUs (a 64-bit integer)",
        "{\"\u0661\":1}              | [\"\u0661\"] | a key must be a number of GPUs (a 64-bit integer)",
        "{\"99999999999999999999\":1} | [\"99999999999999999999\"] | a key must be a number of GPUs (a 64-bit integer)",
        "{\"2\":1.5}                 | [\"2\"]   | expected a 64-bit integer",
        "{\"2\":\"110\"}             | [\"2\"]   | expected a 64-bit integer",
        "{\"2\":1e3}                 | [\"2\"]   | expected a 64-bit integer",
        "{\"1\":0,                   | value     | not valid JSON",
    })
    void rejectsWhatGoCannotUnmarshalNamingTheKey(String wire, String field, String problem) {
        var e = rejects(CODEC, wire);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.problem()).startsWith(problem);
    }

    @Test
    void canonicalJsonIsTheSameObject() throws Exception {
        assertThat(assertJsonRoundTrip(CODEC.decode(EIGHT_GPUS), MetaxTopologyTable.class)).isEqualTo(EIGHT_GPUS);
    }
}
