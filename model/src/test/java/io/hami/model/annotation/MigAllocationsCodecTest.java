package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigAllocations;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hami.io/vgpu-mig-allocations}: HAMi's shape, HAMi's rejection rules and texts. */
class MigAllocationsCodecTest {

    private static final MigAllocationsCodec CODEC = MigAllocationsCodec.INSTANCE;

    private static String q(String json) {
        return json.replace('\'', '"');
    }

    private static final String RESERVED = q("[{'containerIndex':0,'deviceIndex':0,'gpuUUID':'GPU-a',"
            + "'profile':'1g.5gb','placement':{'start':6,'size':1}},{'containerIndex':1,'deviceIndex':0,"
            + "'gpuUUID':'GPU-a','profile':'3g.20gb','placement':{'start':0,'size':4}}]");
    private static final String REALIZED = q("[{'containerIndex':0,'deviceIndex':1,'gpuUUID':'GPU-a',"
            + "'profile':'1g.5gb','placement':{'start':6,'size':1},'migUUID':'MIG-4e7c','gpuInstanceID':13,"
            + "'computeInstanceID':0}]");

    @Test
    void decodesSchedulerReservations() throws Exception {
        assertThat(CODEC.decode(RESERVED).allocations()).containsExactly(
                new MigAllocation(0, 0, "GPU-a", "1g.5gb", new MigPlacement(6, 1), null),
                new MigAllocation(1, 0, "GPU-a", "3g.20gb", new MigPlacement(0, 4), null));
        assertThat(CODEC.encode(CODEC.decode(RESERVED))).isEqualTo(RESERVED);
    }

    @Test
    void decodesRuntimeIdentityWithZeroIds() throws Exception {
        assertThat(CODEC.decode(REALIZED).allocations()).containsExactly(new MigAllocation(0, 1, "GPU-a", "1g.5gb",
                new MigPlacement(6, 1), new MigRuntime("MIG-4e7c", 13, 0)));
        assertThat(CODEC.encode(CODEC.decode(REALIZED))).isEqualTo(REALIZED);
    }

    @Test
    void emptyStringNullAndEmptyArrayAreNoAllocations() throws Exception {
        assertThat(CODEC.decode("")).isEqualTo(MigAllocations.EMPTY);
        assertThat(CODEC.decode("null")).isEqualTo(MigAllocations.EMPTY);
        assertThat(CODEC.decode("[]")).isEqualTo(MigAllocations.EMPTY);
        assertThat(CODEC.encode(MigAllocations.EMPTY)).isEqualTo("[]");
    }

    @Test
    void matchesKeysCaseInsensitivelyAndKeepsPlacementFieldsAcrossRepeats() throws Exception {
        var decoded = CODEC.decode(q("[{'CONTAINERINDEX':2,'DeviceIndex':1,'GPUUUID':'g','Profile':'p',"
                + "'placement':{'start':3,'size':2},'placement':{'start':5},'note':'x'}]"));
        assertThat(decoded.allocations()).containsExactly(new MigAllocation(2, 1, "g", "p", new MigPlacement(5, 2), null));
    }

    @Test
    void encodesEscapedStringsLikeGo() {
        var value = new MigAllocations(List.of(new MigAllocation(0, 0, "<g>", "a&b", new MigPlacement(0, 1), null)));
        assertThat(CODEC.encode(value)).contains(q("'gpuUUID':'\\u003cg\\u003e','profile':'a\\u0026b'"));
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a negative container index   | [{'containerIndex':-1,'gpuUUID':'g','profile':'p','placement':{'size':1}}] | [0].containerIndex | MIG allocation 0 is incomplete
            a negative device index      | [{'deviceIndex':-2,'gpuUUID':'g','profile':'p','placement':{'size':1}}]    | [0].deviceIndex    | MIG allocation 0 is incomplete
            an empty GPU UUID            | [{'gpuUUID':'','profile':'p','placement':{'size':1}}]                      | [0].gpuUUID        | MIG allocation 0 is incomplete
            a missing profile            | [{'gpuUUID':'g','placement':{'size':1}}]                                   | [0].profile        | MIG allocation 0 is incomplete
            a zero placement size        | [{'gpuUUID':'g','profile':'p','placement':{'start':1,'size':0}}]           | [0].placement.size | MIG allocation 0 is incomplete
            a missing placement          | [{'gpuUUID':'g','profile':'p'}]                                            | [0].placement.size | MIG allocation 0 is incomplete
            a null entry                 | [{'gpuUUID':'g','profile':'p','placement':{'size':1}},null]                | [1].gpuUUID        | MIG allocation 1 is incomplete
            only a MIG UUID              | [{'gpuUUID':'g','profile':'p','placement':{'size':1},'migUUID':'m'}]       | [0]                | MIG allocation 0 has partial runtime identity
            only a GI id                 | [{'gpuUUID':'g','profile':'p','placement':{'size':1},'gpuInstanceID':0}]   | [0]                | MIG allocation 0 has partial runtime identity
            an empty MIG UUID with ids   | [{'gpuUUID':'g','profile':'p','placement':{'size':1},'migUUID':'','gpuInstanceID':1,'computeInstanceID':1}] | [0] | MIG allocation 0 has partial runtime identity
            an id removed by null        | [{'gpuUUID':'g','profile':'p','placement':{'size':1},'migUUID':'m','gpuInstanceID':1,'computeInstanceID':1,'gpuInstanceID':null}] | [0] | MIG allocation 0 has partial runtime identity
            a repeated slot              | [{'deviceIndex':1,'gpuUUID':'g','profile':'p','placement':{'size':1}},{'deviceIndex':1,'gpuUUID':'h','profile':'p','placement':{'size':1}}] | [1] | duplicate MIG allocation for container 0 device 1
            a string index               | [{'containerIndex':'0'}]                                                   | [0].containerIndex | expected a 32-bit integer
            an index beyond 32 bits      | [{'deviceIndex':4294967296}]                                               | [0].deviceIndex    | expected a 32-bit integer
            a negative GI id             | [{'gpuInstanceID':-1}]                                                     | [0].gpuInstanceID  | expected an unsigned 32-bit integer
            a CI id beyond uint32        | [{'computeInstanceID':4294967296}]                                         | [0].computeInstanceID | expected an unsigned 32-bit integer
            a number for the placement   | [{'placement':5}]                                                          | [0].placement      | expected an object
            a numeric profile            | [{'profile':1}]                                                            | [0].profile        | expected a string
            a string for an entry        | ['x']                                                                      | [0]                | expected an object
            an object for the list       | {}                                                                         | value              | expected an array of MIG allocations
            whitespace only              | "  "                                                                       | value              | not valid JSON
            """)
    void rejectsWithHamisRules(String description, String json, String field, String problem) {
        var error = rejects(CODEC, q(json));
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.problem()).startsWith(problem);
    }
}
