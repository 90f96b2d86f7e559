package io.hami.testfixtures.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import io.hami.bindings.discovery.PciAddress;
import java.util.OptionalInt;

/**
 * A device as a mock profile describes it, in the units and forms the discovery reports: what every vendor's
 * contract asserts against.
 */
record ExpectedDevice(String uuid, String model, long memoryTotalMiB, long memoryUsedMiB, OptionalInt utilization,
                      String pciBusId, OptionalInt numa, OptionalInt minor, boolean healthy) {

    /** A device of the shared profile schema ({@code mock_device.h}). */
    static ExpectedDevice of(JsonNode d) {
        return new ExpectedDevice(d.get("uuid").asText(), d.get("name").asText(), d.get("memoryTotalMiB").asLong(),
                d.get("memoryUsedMiB").asLong(), optional(d, "utilization"), sysfsForm(d.get("pciBusId").asText()),
                optional(d, "numaNode"), optional(d, "minor"), d.path("healthy").asBoolean(true));
    }

    static String sysfsForm(String busId) {
        return PciAddress.parse(busId).orElseThrow().toString();
    }

    static OptionalInt optional(JsonNode n, String key) {
        return n.hasNonNull(key) ? OptionalInt.of(n.get(key).asInt()) : OptionalInt.empty();
    }
}
