package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.NodeScores;
import io.hami.model.device.PairScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hami.io/node-nvidia-score}: HAMi's string, Go's unmarshal rules, Go's marshal output. */
class NodeScoreCodecTest {

    private static final NodeScoreCodec CODEC = NodeScoreCodec.INSTANCE;

    private static String q(String json) {
        return json.replace('\'', '"');
    }

    private static final String EXAMPLE = q("[{'uuid':'GPU-0','score':{'GPU-1':50,'GPU-2':20}},"
            + "{'uuid':'GPU-1','score':{'GPU-0':50,'GPU-2':100}}]");

    @Test
    void decodesTheSpecExample() throws Exception {
        assertThat(CODEC.decode(EXAMPLE).pairs()).containsExactly(
                new PairScore("GPU-0", Map.of("GPU-1", 50, "GPU-2", 20)),
                new PairScore("GPU-1", Map.of("GPU-0", 50, "GPU-2", 100)));
    }

    @Test
    void encodesTheSpecExampleByteForByte() throws Exception {
        assertThat(CODEC.encode(CODEC.decode(EXAMPLE))).isEqualTo(EXAMPLE);
    }

    @Test
    void writesScoresInGoKeyOrder() throws Exception {
        assertThat(CODEC.encode(CODEC.decode(q("[{'uuid':'a','score':{'b':2,'B':1,'\uff21':3,'\ud83d\ude00':4}}]"))))
                .isEqualTo(q("[{'uuid':'a','score':{'B':1,'b':2,'\uff21':3,'\ud83d\ude00':4}}]"));
    }

    @Test
    void emptyAndNullAreNoScores() throws Exception {
        assertThat(CODEC.decode("[]").pairs()).isEmpty();
        assertThat(CODEC.decode("null").pairs()).isEmpty();
        assertThat(CODEC.encode(new NodeScores(List.of()))).isEqualTo("[]");
    }

    @Test
    void leavesOutEmptyUuidAndEmptyScores() throws Exception {
        assertThat(CODEC.decode("[null,{},{'score':{}}]".replace('\'', '"')).pairs())
                .containsOnly(new PairScore("", Map.of()));
        assertThat(CODEC.encode(new NodeScores(List.of(new PairScore("", Map.of()))))).isEqualTo("[{}]");
    }

    @Test
    void matchesKeysCaseInsensitivelyAndIgnoresUnknownOnes() throws Exception {
        assertThat(CODEC.decode(q("[{'UUID':'a','Score':{'b':1},'links':[1]}]")).pairs())
                .containsExactly(new PairScore("a", Map.of("b", 1)));
    }

    @Test
    void readsANullScoreAsZeroAndMergesRepeatedMaps() throws Exception {
        assertThat(CODEC.decode(q("[{'uuid':'a','score':{'b':null},'score':{'c':3,'b':2}}]")).pairs())
                .containsExactly(new PairScore("a", Map.of("b", 2, "c", 3)));
        assertThat(CODEC.decode(q("[{'score':{'b':1},'score':null}]")).pairs())
                .containsExactly(new PairScore("", Map.of()));
    }

    @Test
    void replacesUnpairedSurrogatesInPeerKeysLikeGo() throws Exception {
        assertThat(CODEC.decode(q("[{'uuid':'a\\udc00','score':{'b\ud800':1}}]")).pairs())
                .containsExactly(new PairScore("a\ufffd", Map.of("b\ufffd", 1)));
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a string score          | [{'score':{'b':'x'}}]          | [0].score["b"] | expected a 32-bit integer
            a fractional score      | [{'score':{'b':1.5}}]          | [0].score["b"] | expected a 32-bit integer
            a score beyond 32 bits  | [{},{'score':{'b':2147483648}}] | [1].score["b"] | expected a 32-bit integer
            scores as an array      | [{'score':[]}]                 | [0].score      | expected an object of peer scores
            a numeric uuid          | [{'uuid':1}]                   | [0].uuid       | expected a string
            a number for an entry   | [1]                            | [0]            | expected an object
            an object for the list  | {}                             | value          | expected an array of pair scores
            not JSON                | [{'uuid':'a'                   | value          | not valid JSON
            """)
    void rejectsWrongTypesNamingThePath(String description, String json, String field, String problem) {
        var error = rejects(CODEC, q(json));
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.problem()).startsWith(problem);
    }
}
