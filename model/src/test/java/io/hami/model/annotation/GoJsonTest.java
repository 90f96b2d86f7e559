package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's field lookup and Go's string escaping, below the codecs. */
class GoJsonTest {

    private static final String[] FIELDS = {"name", "Name", "size"};

    @ParameterizedTest(name = "key {0} selects field {1}")
    @CsvSource({"name,0", "Name,1", "NAME,0", "nAmE,0", "SIZE,2", "\u017fize,2", "\u017f\u0131ze,-1", "nam,-1",
            "namee,-1", "'',-1"})
    void prefersExactMatchThenFirstFoldedMatch(String key, int field) {
        assertThat(GoJson.match(key, FIELDS)).isEqualTo(field);
    }

    @Test
    void foldsOnlyAsciiLettersLongSAndKelvinSign() {
        assertThat(GoJson.fold("aZ\u017f\u212a\u00e9\u0131")).isEqualTo("AZSK\u00e9\u0131");
    }

    @Test
    void writesGoHtmlSafeEscapes() {
        String all = "\"\\/<>&\b\f\n\r\t\u0000\u001f\u007f\u2028\u2029\u00e9\ud83d\ude00\ud800";
        assertThat(new GoJsonWriter().value(all).toString()).isEqualTo("\"\\\"\\\\/\\u003c\\u003e\\u0026\\b\\f\\n\\r\\t"
                + "\\u0000\\u001f\u007f\\u2028\\u2029\u00e9\ud83d\ude00\\ufffd\"");
    }

    @Test
    void separatesMembersAndElementsWithCommasOnly() {
        var out = new GoJsonWriter().beginArray()
                .beginObject().name("a").value(1).name("b").beginArray().value(true).value("x").endArray().endObject()
                .beginObject().endObject()
                .endArray();
        assertThat(out.toString()).isEqualTo("[{\"a\":1,\"b\":[true,\"x\"]},{}]");
    }

    @Test
    void replacesUnpairedSurrogatesButKeepsPairs() {
        assertThat(GoText.sanitize("a\udc00\ud83d\ude00\ud800")).isEqualTo("a\ufffd\ud83d\ude00\ufffd");
        assertThat(GoText.unpairedSurrogate("ok\ud83d\ude00")).isEqualTo(-1);
        assertThat(GoText.unpairedSurrogate("ok\ude00")).isEqualTo(2);
    }
}
