package io.hami.bindings.cnrt;

import java.util.Optional;

/**
 * What hami-java reads of {@code cnrtGetDeviceProperties_V3}'s {@code cnrtDeviceProp_t}.
 *
 * @param name                the device's name, e.g. {@code MLU370-X8}
 * @param uuid                the 16 UUID bytes as {@code 8-4-4-4-12} lower-case hex, without HAMi's {@code MLU-};
 *                            empty when the library left them zero
 * @param totalMemMb          {@code totalMem}: the device's memory in MB
 * @param totalGlobalMemBytes {@code totalGlobalMemSize}: its global memory in bytes
 */
public record CnrtDeviceProperties(String name, Optional<String> uuid, long totalMemMb, long totalGlobalMemBytes) {
}
