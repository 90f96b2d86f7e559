/**
 * One codec per HAMi annotation value, each a stateless {@link io.hami.model.wire.WireCodec} with a shared
 * {@code INSTANCE}: node registration in JSON ({@link io.hami.model.annotation.NodeRegisterCodec}) and legacy colon form
 * ({@link io.hami.model.annotation.LegacyNodeRegisterCodec}), topology scores
 * ({@link io.hami.model.annotation.NodeScoreCodec}), pod allocations ({@link io.hami.model.annotation.PodDevicesCodec})
 * and MIG reservations ({@link io.hami.model.annotation.MigAllocationsCodec}).
 *
 * <p>JSON formats are read the way Go's {@code encoding/json} reads them into HAMi v2.10's structs and written byte for
 * byte as Go writes them; colon formats follow HAMi's hand-written encoders, with Go's {@code strconv} rules for
 * numbers and booleans. Where HAMi is lenient in a way that could book the wrong device, the codec fails closed and its
 * Javadoc says so.
 */
package io.hami.model.annotation;
