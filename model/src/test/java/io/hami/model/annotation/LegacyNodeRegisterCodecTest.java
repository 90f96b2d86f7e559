package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hami.model.device.MigProfile;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The legacy colon register form: HAMi's strings and HAMi's error texts. */
class LegacyNodeRegisterCodecTest {

    private static final LegacyNodeRegisterCodec CODEC = LegacyNodeRegisterCodec.INSTANCE;
    private static final String NINE_FIELDS = "GPU-x,10,7680,100,NVIDIA-Tesla P4,0,true,1,hami-core:";
    private static final NodeDevice P4 = NodeDevice.of("GPU-x", 1, 10, 7680, 100, "NVIDIA-Tesla P4", 0, "hami-core", true);

    @Test
    void decodesNineFieldDevice() throws Exception {
        assertThat(CODEC.decode(NINE_FIELDS).devices()).containsExactly(P4);
    }

    @Test
    void encodesNineFieldsWithTrailingColon() {
        assertThat(CODEC.encode(new NodeRegistration(List.of(P4)))).isEqualTo(NINE_FIELDS);
    }

    @Test
    void decodesOldSevenFieldDeviceAsIndexZeroHamiCore() throws Exception {
        assertThat(CODEC.decode("GPU-x,10,7680,100,NVIDIA-Tesla P4,0,true:").devices()).containsExactly(
                NodeDevice.of("GPU-x", 0, 10, 7680, 100, "NVIDIA-Tesla P4", 0, "hami-core", true));
    }

    @Test
    void rewritesSevenFieldsAsNine() throws Exception {
        var value = CODEC.decode("GPU-x,10,7680,100,NVIDIA-Tesla P4,0,false:");
        assertThat(CODEC.encode(value)).isEqualTo("GPU-x,10,7680,100,NVIDIA-Tesla P4,0,false,0,hami-core:");
    }

    @Test
    void decodesHygonDcuRegistration() throws Exception {
        assertThat(CODEC.decode("DCU-123,4,16368,100,DCU-Z100,0,true,0,hami:DCU-456,4,16368,100,DCU-Z100,0,false,1,hami:")
                .devices()).containsExactly(
                NodeDevice.of("DCU-123", 0, 4, 16368, 100, "DCU-Z100", 0, "hami", true),
                NodeDevice.of("DCU-456", 1, 4, 16368, 100, "DCU-Z100", 0, "hami", false));
    }

    @Test
    void roundTripsTwoDevicesAndSkipsEmptySegments() throws Exception {
        var two = new NodeRegistration(List.of(P4, NodeDevice.of("GPU-y", 2, 10, 7680, 100, "T", 1, "mps", false)));
        String wire = CODEC.encode(two);
        assertThat(CODEC.decode(wire)).isEqualTo(two);
        assertThat(CODEC.decode("::" + wire.replace(":G", "::G"))).isEqualTo(two);
    }

    @Test
    void acceptsLastDeviceWithoutTrailingColonWhenAnotherColonExists() throws Exception {
        assertThat(CODEC.decode(NINE_FIELDS + "GPU-y,1,2,3,T,0,true").devices()).hasSize(2);
    }

    @Test
    void acceptsEmptyTextFieldsAndSignedNumbersAsGoDoes() throws Exception {
        assertThat(CODEC.decode(",+1,-0,007,,-1,t,+0,:").devices())
                .containsExactly(NodeDevice.of("", 0, 1, 0, 7, "", -1, "", true));
    }

    @ParameterizedTest(name = "health {0} is true")
    @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
    void parsesGoTrueSpellings(String health) throws Exception {
        assertThat(CODEC.decode("a,1,1,1,T,0," + health + ":").devices().getFirst().health()).isTrue();
    }

    @ParameterizedTest(name = "health {0} is false")
    @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
    void parsesGoFalseSpellings(String health) throws Exception {
        assertThat(CODEC.decode("a,1,1,1,T,0," + health + ":").devices().getFirst().health()).isFalse();
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            an empty value                | ""                                   | value      | node annotation missing device separator
            a lone comma                  | ,                                    | value      | node annotation missing device separator
            a word                        | a                                    | value      | node annotation missing device separator
            a device without colon        | GPU-x,10,7680,100,T,0,true,1,hami-core | value    | node annotation missing device separator
            a lone colon                  | :                                    | value      | no devices registered (HAMi: no gpu found on node)
            two colons                    | ::                                   | value      | no devices registered (HAMi: no gpu found on node)
            a segment without comma       | a:                                   | [0]        | malformed node annotation segment
            two fields                    | ",:"                                 | [0]        | unexpected field count 2 in node annotation
            five fields                   | a,1,2,3,4:                           | [0]        | unexpected field count 5 in node annotation
            eight fields                  | a,1,2,3,T,0,true,1:                  | [0]        | unexpected field count 8 in node annotation
            ten fields                    | a,1,2,3,T,0,true,1,m,x:              | [0]        | unexpected field count 10 in node annotation
            a word for count              | a,abc,2,3,T,0,true:                  | [0].count  | invalid count field: invalid syntax
            count beyond int32            | a,2147483648,2,3,T,0,true:           | [0].count  | invalid count field: value out of range
            huge count with a letter      | a,99999999999999999999x,2,3,T,0,true: | [0].count | invalid count field: value out of range
            a space in memory             | a,1, 2,3,T,0,true:                   | [0].devmem | invalid memory field: invalid syntax
            a fraction for core           | a,1,2,1.0,T,0,true:                  | [0].devcore | invalid core field: invalid syntax
            an empty numa                 | a,1,2,3,T,,true:                     | [0].numa   | invalid numa field: invalid syntax
            yes for health                | a,1,2,3,T,0,yes:                     | [0].health | invalid health field: invalid syntax
            an empty index                | a,1,2,3,T,0,true,,m:                 | [0].index  | invalid index field: invalid syntax
            index beyond 32 bits          | a,1,2,3,T,0,true,2147483648,m:       | [0].index  | invalid index field: value out of range
            a negative index              | a,1,2,3,T,0,true,-1,m:               | [0].index  | index field must not be negative: -1
            an error in the second device | a,1,2,3,T,0,true::b,1,x,3,T,0,true:  | [1].devmem | invalid memory field: invalid syntax
            """)
    void rejectsWithHamisErrorText(String description, String wire, String field, String problem) {
        var error = rejects(CODEC, wire);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.problem()).isEqualTo(problem);
    }

    @Test
    void rejectsUnpairedSurrogateInATextField() {
        var error = rejects(CODEC, "a,1,2,3,T\ud800,0,true:");
        assertThat(error.field()).isEqualTo("[0].type");
        assertThat(error.problem()).isEqualTo("not valid Unicode: unpaired surrogate");
    }

    @Test
    void quotesTheMalformedSegmentAsHamiDoes() {
        assertThat(rejects(CODEC, "GPU-a:").getMessage()).contains("malformed node annotation segment: \"GPU-a\"");
    }

    @Test
    void refusesToEncodeWhatTheFormCannotCarry() {
        var mig = new NodeDevice("g", 0, 1, 1, 1, "T", 0, "mig", true, List.of(new MigProfile("1g", 1, 1, 1, List.of())),
                null);
        var ascend = new NodeDevice("g", 0, 1, 1, 1, "T", 0, "", true, List.of(), 1);
        var comma = NodeDevice.of("g,h", 0, 1, 1, 1, "T", 0, "", true);
        var colon = NodeDevice.of("g", 0, 1, 1, 1, "T", 0, "a:b", true);
        for (var device : List.of(mig, ascend, comma, colon)) {
            assertThat(LegacyNodeRegisterCodec.canEncode(device)).isFalse();
            assertThatIllegalArgumentException().isThrownBy(() -> CODEC.encode(new NodeRegistration(List.of(device))))
                    .withMessageContaining("devices[0]");
        }
    }
}
