/**
 * Devices and allocations as immutable records: what a node registers ({@link io.hami.model.device.NodeRegistration}),
 * how its GPUs are linked ({@link io.hami.model.device.NodeScores}), and what the scheduler gives each container of a
 * pod ({@link io.hami.model.device.PodDevices}, {@link io.hami.model.device.MigAllocations}).
 *
 * <p>Every record validates in its compact constructor and throws {@link java.lang.IllegalArgumentException} naming the
 * component that is wrong; lists and maps are copied and unmodifiable. Text components are well-formed UTF-16 (no
 * unpaired surrogate): annotations are UTF-8, so no wire format could carry one. Numeric ranges follow the Go types HAMi v2.10
 * declares ({@code int32}, {@code uint32}), narrowed to 32 bits where Go uses a 64-bit {@code int} or {@code uint}: no
 * HAMi writer produces larger values. The wire codecs live in {@code io.hami.model.annotation}; each record also has a
 * canonical JSON form through {@link io.hami.model.json.CanonicalJson}.
 */
package io.hami.model.device;
