package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.device.EnflameDrsCapacity;
import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;

class EnflameDrsCapacityCodecTest {

    private static final EnflameDrsCapacityCodec CODEC = EnflameDrsCapacityCodec.INSTANCE;

    /** The annotation of HAMi's {@code TestGetNodeDevices_DRSAnnotation}: one card of 6 slices, 40 GiB at most. */
    private static final String HAMI_NODE =
            "{\"devices\":[{\"index\":\"0\",\"minor\":\"0\",\"capacity\":6}],"
                    + "\"profiles\":{\"1g.6gb\":\"0\",\"3g.20gb\":\"1\",\"6g.40gb\":\"2\"}}";

    @Test
    void readsHamisDrsAnnotationAsOneCardOfSixSlicesAndFortyGib() throws WireFormatException {
        EnflameDrsCapacity capacity = CODEC.decode(HAMI_NODE);
        assertThat(capacity.devices()).containsExactly(new EnflameDrsCapacity.Card(0, "0", 6));
        assertThat(capacity.maxSlices()).isEqualTo(6);
        assertThat(capacity.maxMemoryGiB() * 1024).isEqualTo(40960);
        assertThat(capacity.parsedProfiles()).extracting(EnflameDrsCapacity.Profile::name)
                .containsExactly("1g.6gb", "3g.20gb", "6g.40gb");
    }

    @Test
    void readsCapacityGivenAsTextAndAnIndexThatIsNoNumberAsThePosition() throws WireFormatException {
        EnflameDrsCapacity capacity = CODEC.decode("{\"devices\":[{\"index\":\"a\",\"capacity\":\"4\"}],"
                + "\"profiles\":{\"4g.32gb\":\"7\"}}");
        assertThat(capacity.devices()).containsExactly(new EnflameDrsCapacity.Card(0, "0", 4));
    }

    @Test
    void refusesANodeWhoseProfilesNameNoSlices() {
        assertThatThrownBy(() -> CODEC.decode("{\"devices\":[{\"index\":\"0\",\"capacity\":6}],\"profiles\":{\"x\":\"0\"}}"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("profiles");
    }

    @Test
    void refusesACardWithoutCapacity() {
        assertThatThrownBy(() -> CODEC.decode("{\"devices\":[{\"index\":\"0\",\"capacity\":0}],"
                + "\"profiles\":{\"1g.6gb\":\"0\"}}"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("devices[0].capacity");
    }

    @Test
    void refusesCapacityOfAnotherType() {
        assertThatThrownBy(() -> CODEC.decode("{\"devices\":[{\"index\":\"0\",\"capacity\":true}],"
                + "\"profiles\":{\"1g.6gb\":\"0\"}}"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("a number of slices");
    }

    @Test
    void refusesANodeWithoutCards() {
        assertThatThrownBy(() -> CODEC.decode("{\"devices\":[],\"profiles\":{\"1g.6gb\":\"0\"}}"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("no DRS devices");
    }

    @Test
    void roundTrips() throws WireFormatException {
        EnflameDrsCapacity capacity = CODEC.decode(HAMI_NODE);
        assertThat(CODEC.encode(capacity)).isEqualTo(HAMI_NODE);
        assertThat(CODEC.decode(CODEC.encode(capacity))).isEqualTo(capacity);
    }

    @Test
    void readsProfileNamesAsHamiDoes() {
        assertThat(EnflameDrsCapacity.parse(" 3G.20GB ", "1")).isEqualTo(new EnflameDrsCapacity.Profile(" 3G.20GB ", "1", 3, 20));
        assertThat(EnflameDrsCapacity.parse("3g", "1").slices()).isZero();
        assertThat(EnflameDrsCapacity.parse("4294967299g.20gb", "0").slices()).isZero();
    }
}
