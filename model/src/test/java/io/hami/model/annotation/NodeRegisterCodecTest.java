package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.rejects;
import static io.hami.model.annotation.CodecChecks.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.wire.WireFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hami.io/node-nvidia-register} JSON: HAMi's strings, Go's unmarshal rules, Go's marshal output. */
class NodeRegisterCodecTest {

    private static final NodeRegisterCodec CODEC = NodeRegisterCodec.INSTANCE;

    /** Test JSON with {@code '} for {@code "}, to keep it readable. */
    private static String q(String json) {
        return json.replace('\'', '"');
    }

    private static NodeDevice only(String json) throws WireFormatException {
        var devices = CODEC.decode(q(json)).devices();
        assertThat(devices).hasSize(1);
        return devices.getFirst();
    }

    /** The two-V100 example of docs/protocol.md, second GPU on NUMA 1, exactly as the device plugin writes it. */
    private static final String TWO_V100 = q("[{'id':'GPU-a','count':10,'devmem':32768,'devcore':100,"
            + "'type':'NVIDIA-Tesla V100-PCIE-32GB','mode':'hami-core','health':true},"
            + "{'id':'GPU-b','index':1,'count':10,'devmem':32768,'devcore':100,"
            + "'type':'NVIDIA-Tesla V100-PCIE-32GB','numa':1,'mode':'hami-core','health':true}]");

    @Test
    void decodesTheTwoV100Example() throws Exception {
        assertThat(CODEC.decode(TWO_V100).devices()).containsExactly(
                NodeDevice.of("GPU-a", 0, 10, 32768, 100, "NVIDIA-Tesla V100-PCIE-32GB", 0, "hami-core", true),
                NodeDevice.of("GPU-b", 1, 10, 32768, 100, "NVIDIA-Tesla V100-PCIE-32GB", 1, "hami-core", true));
    }

    @Test
    void encodesTheTwoV100ExampleByteForByte() throws Exception {
        assertThat(CODEC.encode(CODEC.decode(TWO_V100))).isEqualTo(TWO_V100);
    }

    @Test
    void decodesHamiTestValueWithExplicitZeros() throws Exception {
        var device = only("[{'id':'GPU-0','count':5,'devmem':8192,'devcore':100,'type':'NVIDIA-Tesla P4',"
                + "'numa':0,'health':true,'index':0}]");
        assertThat(device).isEqualTo(NodeDevice.of("GPU-0", 0, 5, 8192, 100, "NVIDIA-Tesla P4", 0, "", true));
        assertThat(CODEC.encode(new NodeRegistration(List.of(device)))).isEqualTo(
                q("[{'id':'GPU-0','count':5,'devmem':8192,'devcore':100,'type':'NVIDIA-Tesla P4','health':true}]"));
    }

    @Test
    void missingKeysAreZeroValuesAndMissingHealthIsUnhealthy() throws Exception {
        assertThat(only("[{'id':'GPU-a'}]")).isEqualTo(NodeDevice.of("GPU-a", 0, 0, 0, 0, "", 0, "", false));
        assertThat(only("[{}]")).isEqualTo(NodeDevice.of("", 0, 0, 0, 0, "", 0, "", false));
    }

    @Test
    void decodesUnhealthyDevice() throws Exception {
        assertThat(only("[{'id':'GPU-a','health':false}]").health()).isFalse();
    }

    @Test
    void nullLeavesTheZeroValue() throws Exception {
        assertThat(only("[{'id':null,'index':null,'count':null,'health':null,'mode':null,'migProfiles':null,"
                + "'custominfo':null,'migtemplate':null,'devicevendor':null}]"))
                .isEqualTo(NodeDevice.of("", 0, 0, 0, 0, "", 0, "", false));
    }

    @Test
    void nullAfterAValueLeavesTheScalarButClearsTheList() throws Exception {
        var device = only("[{'count':3,'count':null,'migProfiles':[{'name':'1g.5gb'}],'migProfiles':null}]");
        assertThat(device.count()).isEqualTo(3);
        assertThat(device.migProfiles()).isEmpty();
    }

    @Test
    void matchesKeysCaseInsensitivelyAsGoDoes() throws Exception {
        assertThat(only("[{'ID':'GPU-a','Index':2,'COUNT':10,'DevMem':1024,'devCore':100,'TYPE':'T','Numa':1,"
                + "'MODE':'mps','Health':true}]"))
                .isEqualTo(NodeDevice.of("GPU-a", 2, 10, 1024, 100, "T", 1, "mps", true));
    }

    @Test
    void foldsLongSAndKelvinSignLikeGo() throws Exception {
        var device = only("[{'migProfiles':[{'\u017fliceCount':2,'placements':[{'\u017ftart':3,'\u017fize':1}]}]}]");
        assertThat(device.migProfiles().getFirst().sliceCount()).isEqualTo(2);
        assertThat(device.migProfiles().getFirst().placements()).containsExactly(new MigPlacement(3, 1));
        assertThat(GoJson.match("\u212aey", new String[] {"key"})).isZero();
        assertThat(GoJson.match("\u0131d", new String[] {"id"})).isEqualTo(-1);
    }

    @Test
    void lastOfRepeatedKeysWins() throws Exception {
        assertThat(only("[{'id':'a','ID':'b'}]").id()).isEqualTo("b");
        assertThat(only("[{'ID':'b','id':'a'}]").id()).isEqualTo("a");
    }

    @Test
    void ignoresUnknownKeysWhateverTheirValue() throws Exception {
        assertThat(only("[{'id':'a','extra':{'x':[1,2.5,{'y':null}]},'DevicePairScore':7,'-':true}]"))
                .isEqualTo(NodeDevice.of("a", 0, 0, 0, 0, "", 0, "", false));
    }

    @Test
    void typeChecksButDropsDeprecatedKeys() throws Exception {
        assertThat(only("[{'id':'a','migtemplate':[[{'Name':'1g','core':1,'MEMORY':2,'Count':3}],null],"
                + "'devicevendor':'NVIDIA'}]")).isEqualTo(NodeDevice.of("a", 0, 0, 0, 0, "", 0, "", false));
    }

    private static final String MIG_DEVICE = q("[{'id':'GPU-m','count':7,'devmem':40960,'devcore':100,"
            + "'type':'NVIDIA A100-SXM4-40GB','mode':'mig','migProfiles':[{'name':'1g.5gb','memoryMB':4864,"
            + "'core':15,'sliceCount':1,'placements':[{'start':6,'size':1}]},{'name':'7g.40gb','memoryMB':40192,"
            + "'core':100,'sliceCount':8,'placements':[{'start':0,'size':8}]}],'health':true}]");

    @Test
    void decodesAndEncodesMigProfiles() throws Exception {
        var device = CODEC.decode(MIG_DEVICE).devices().getFirst();
        assertThat(device.migProfiles()).containsExactly(
                new MigProfile("1g.5gb", 4864, 15, 1, List.of(new MigPlacement(6, 1))),
                new MigProfile("7g.40gb", 40192, 100, 8, List.of(new MigPlacement(0, 8))));
        assertThat(CODEC.encode(new NodeRegistration(List.of(device)))).isEqualTo(MIG_DEVICE);
    }

    @Test
    void writesMigProfileKeysEvenWhenZero() {
        var device = new NodeDevice("g", 0, 0, 0, 0, "", 0, "mig", false,
                List.of(new MigProfile("", 0, 0, 0, List.of())), null);
        assertThat(CODEC.encode(new NodeRegistration(List.of(device)))).isEqualTo(
                q("[{'id':'g','mode':'mig','migProfiles':[{'name':'','memoryMB':0,'core':0,'sliceCount':0,"
                        + "'placements':[]}]}]"));
    }

    @Test
    void readsNullProfileAndPlacementAsZeroValues() throws Exception {
        var device = only("[{'migProfiles':[null,{'placements':[null]}]}]");
        assertThat(device.migProfiles()).containsExactly(new MigProfile("", 0, 0, 0, List.of()),
                new MigProfile("", 0, 0, 0, List.of(new MigPlacement(0, 0))));
    }

    @Test
    void keepsAscendNetworkIdAndWritesItBack() throws Exception {
        String wire = q("[{'id':'npu-0','count':4,'devmem':65536,'devcore':20,'type':'Ascend910B3',"
                + "'health':true,'custominfo':{'NetworkID':1}}]");
        var device = CODEC.decode(wire).devices().getFirst();
        assertThat(device.networkId()).isEqualTo(1);
        assertThat(CODEC.encode(new NodeRegistration(List.of(device)))).isEqualTo(wire);
    }

    @Test
    void keepsVastaiDieStringsFromCustomInfoAndWritesThemBackSorted() throws Exception {
        String wire = q("[{'id':'va-0-die0','count':10,'devmem':16384,'devcore':100,'type':'Vastai','health':true,"
                + "'custominfo':{'AIC':'va-0','DeviceStrategy':'die','x':1}}]");
        var device = CODEC.decode(wire).devices().getFirst();
        assertThat(device.customText()).containsExactly(java.util.Map.entry("AIC", "va-0"),
                java.util.Map.entry("DeviceStrategy", "die"));
        assertThat(CODEC.encode(new NodeRegistration(List.of(device))))
                .isEqualTo(wire.replace(",\"x\":1", ""));
    }

    @ParameterizedTest(name = "custominfo {0} gives network id {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {'NetworkID':0}                 | 0
            {'NetworkID':1.9}               | 1
            {'NetworkID':-1.5}              | -1
            {'NetworkID':'1'}               | none
            {'NetworkID':null}              | none
            {'networkid':1}                 | none
            {'NetworkID':1e10}              | none
            {'other':{'deep':[1,true]}}     | none
            """)
    void readsNetworkIdLikeAscendsScorer(String customInfo, Integer expected) throws Exception {
        assertThat(only("[{'custominfo':" + customInfo + "}]").networkId()).isEqualTo(expected);
    }

    @Test
    void mergesRepeatedCustomInfoLikeAGoMap() throws Exception {
        assertThat(only("[{'custominfo':{'NetworkID':1},'custominfo':{'x':2}}]").networkId()).isEqualTo(1);
        assertThat(only("[{'custominfo':{'NetworkID':1},'custominfo':null}]").networkId()).isNull();
    }

    @Test
    void escapesLikeGoWithHtmlSafety() {
        var device = NodeDevice.of("<a>&b", 0, 0, 0, 0, "q\"\\\b\f\n\r\t\u0001\u007f\u2028\u2029\u00e9", 0, "", false);
        assertThat(CODEC.encode(new NodeRegistration(List.of(device)))).isEqualTo(
                "[{\"id\":\"\\u003ca\\u003e\\u0026b\",\"type\":\"q\\\"\\\\\\b\\f\\n\\r\\t\\u0001\u007f\\u2028\\u2029\u00e9\"}]");
    }

    @Test
    void writesNegativeNumbersAndLeavesOutOnlyZeros() {
        var device = NodeDevice.of("", Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1, "", -3, "", true);
        assertThat(CODEC.encode(new NodeRegistration(List.of(device))))
                .isEqualTo(q("[{'index':2147483647,'count':-1,'devmem':-2147483648,'devcore':1,'numa':-3,'health':true}]"));
    }

    @Test
    void roundTripsCharactersOutsideTheBmp() {
        var device = NodeDevice.of("\ud83d\ude00", 0, 0, 0, 0, "\ud83d\ude00", 0, "", false);
        var value = new NodeRegistration(List.of(device));
        assertThat(CODEC.encode(value)).contains("\ud83d\ude00");
        assertThat(roundTrip(CODEC, value)).isEqualTo(value);
    }

    @Test
    void replacesUnpairedSurrogatesLikeGo() throws Exception {
        assertThat(only("[{'id':'\\ud800x\\udc00','type':'\ud800'}]"))
                .isEqualTo(NodeDevice.of("\ufffdx\ufffd", 0, 0, 0, 0, "\ufffd", 0, "", false));
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            string for an int32                | [{},{'devmem':'abc'}]                     | [1].devmem                             | expected a 32-bit integer
            count beyond int32                 | [{'count':2147483648}]                   | [0].count                              | expected a 32-bit integer
            devcore below int32                | [{'devcore':-2147483649}]                | [0].devcore                            | expected a 32-bit integer
            fraction for an int32              | [{'count':1.5}]                          | [0].count                              | expected a 32-bit integer
            exponent for an int32              | [{'count':1e3}]                          | [0].count                              | expected a 32-bit integer
            negative index                     | [{'index':-1}]                           | [0].index                              | expected an integer from 0 to 2147483647
            index beyond 32 bits               | [{'index':2147483648}]                   | [0].index                              | expected an integer from 0 to 2147483647
            numa as a string                   | [{'numa':'0'}]                           | [0].numa                               | expected a 32-bit integer
            health as a string                 | [{'health':'true'}]                      | [0].health                             | expected true or false
            health as a number                 | [{'health':1}]                           | [0].health                             | expected true or false
            id as a number                     | [{'id':5}]                               | [0].id                                 | expected a string
            type as an object                  | [{'type':{}}]                            | [0].type                               | expected a string
            profiles as an object              | [{'migProfiles':{}}]                     | [0].migProfiles                        | expected an array
            profile as a number                | [{'migProfiles':[5]}]                    | [0].migProfiles[0]                     | expected an object
            negative slice count               | [{'migProfiles':[{'sliceCount':-1}]}]    | [0].migProfiles[0].sliceCount          | expected an unsigned 32-bit integer
            placement beyond uint32            | [{'migProfiles':[{'placements':[{'start':4294967296}]}]}] | [0].migProfiles[0].placements[0].start | expected an unsigned 32-bit integer
            placement as an array              | [{'migProfiles':[{'placements':[[]]}]}]  | [0].migProfiles[0].placements[0]       | expected an object
            migtemplate as a number            | [{'migtemplate':5}]                      | [0].migtemplate                        | expected an array
            migtemplate core as a string       | [{'migtemplate':[[{'Core':'x'}]]}]       | [0].migtemplate[0][0].Core             | expected a 32-bit integer
            devicevendor as a number           | [{'devicevendor':1}]                     | [0].devicevendor                       | expected a string
            custominfo as an array             | [{'custominfo':[]}]                      | [0].custominfo                         | expected an object
            custominfo beyond float64          | [{'custominfo':{'x':[1e999]}}]           | [0].custominfo.x                       | number out of float64 range
            an empty list                      | []                                       | value                                  | no devices registered (HAMi: no gpu found on node)
            null                               | null                                     | value                                  | no devices registered (HAMi: no gpu found on node)
            a null device                      | [{},null]                                | [1]                                    | device entry is null
            a number for a device              | [5]                                      | [0]                                    | expected a device object
            an object for the list             | {}                                       | value                                  | expected an array of devices
            a string for the list              | 'x'                                      | value                                  | expected an array of devices
            """)
    void rejectsWrongTypesAndRangesNamingThePath(String description, String json, String field, String problem) {
        var error = rejects(CODEC, q(json));
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.problem()).isEqualTo(problem);
    }

    @Test
    void rejectsSingleQuotedJson() {
        assertThat(rejects(CODEC, "[{'id':'a'}]").problem()).startsWith("not valid JSON");
    }

    @Test
    void showsTheOffendingToken() {
        assertThat(rejects(CODEC, q("[{},{'devmem':'abc'}]")).getMessage())
                .isEqualTo("node-register: [1].devmem: expected a 32-bit integer: \"abc\"");
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            nothing                      | ""
            only spaces                  | "   "
            an unclosed object           | [{]
            two values                   | [] []
            trailing text                | [{'id':'a'}] x
            a trailing comma             | [{'id':'a',}]
            a leading zero               | [{'count':01}]
            NaN                          | [{'count':NaN}]
            a comment                    | /*c*/[]
            a raw control character      | [{'id':'a\u0001'}]
            a bad escape                 | [{'id':'\\x'}]
            a byte order mark            | \ufeff[]
            a syntax error after a type error | [{'devmem':'abc'}, x]
            """)
    void rejectsTextThatIsNotOneJsonValue(String description, String json) {
        var error = rejects(CODEC, q(json));
        assertThat(error.field()).isEqualTo("value");
        assertThat(error.problem()).startsWith("not valid JSON");
    }
}
