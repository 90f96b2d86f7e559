package io.hami.model.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hami.model.json.CanonicalJson;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Generated values of every wrapper record read back equal from their canonical JSON. */
class CanonicalJsonProperties {

    private static <T> void roundTrips(T value, Class<T> type) {
        try {
            String json = CanonicalJson.MAPPER.writeValueAsString(value);
            assertThat(CanonicalJson.MAPPER.readValue(json, type)).isEqualTo(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void nodeRegistrationRoundTrips() {
        qt().withExamples(300).forAll(DeviceGenerators.registration())
                .checkAssert(v -> roundTrips(v, NodeRegistration.class));
    }

    @Test
    void nodeScoresRoundTrip() {
        qt().withExamples(300).forAll(DeviceGenerators.nodeScores()).checkAssert(v -> roundTrips(v, NodeScores.class));
    }

    @Test
    void podDevicesRoundTrip() {
        qt().withExamples(300).forAll(DeviceGenerators.podDevices()).checkAssert(v -> roundTrips(v, PodDevices.class));
    }

    @Test
    void migAllocationsRoundTrip() {
        qt().withExamples(300).forAll(DeviceGenerators.migAllocations())
                .checkAssert(v -> roundTrips(v, MigAllocations.class));
    }
}
