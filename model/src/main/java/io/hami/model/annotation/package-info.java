/**
 * HAMi v2.10 annotation values as codecs and records: one {@link io.hami.model.wire.WireCodec} per annotation
 * format, the record or enum it produces, and the small query methods the scheduler and the device plugin need to
 * reproduce HAMi's decisions on those values.
 *
 * <p>Node side: registration in JSON ({@link io.hami.model.annotation.NodeRegisterCodec}) and legacy colon form
 * ({@link io.hami.model.annotation.LegacyNodeRegisterCodec}), MetaX sGPU devices
 * ({@link io.hami.model.annotation.MetaxSgpuDevicesCodec}), topology scores
 * ({@link io.hami.model.annotation.NodeScoreCodec}), MetaX whole-GPU topology losses and scores
 * ({@link io.hami.model.annotation.MetaxTopologyCodec}), the handshake ({@link io.hami.model.annotation.HandshakeCodec})
 * and the node lock ({@link io.hami.model.annotation.NodeLockCodec}). Pod side: allocations
 * ({@link io.hami.model.annotation.PodDevicesCodec}), MIG reservations
 * ({@link io.hami.model.annotation.MigAllocationsCodec}), the user's policies, weights and device filters, and what
 * the scheduler writes for the other vendors' own device plugins: Ascend's runtime info
 * ({@link io.hami.model.annotation.AscendRuntimeInfoCodec}), Cambricon's profile
 * ({@link io.hami.model.annotation.CambriconProfileCodec}) and the sMLU instance made from it
 * ({@link io.hami.model.annotation.CambriconProfileInstanceCodec}), MetaX's sGPU allocation
 * ({@link io.hami.model.annotation.MetaxSgpuAllocationCodec}), Moore Threads' GPU indexes
 * ({@link io.hami.model.annotation.MthreadsGpuIndexCodec}) and the Unix times next to them
 * ({@link io.hami.model.annotation.DecimalText}).
 *
 * <p>JSON formats are read the way Go's {@code encoding/json} reads them into HAMi's structs and written byte for
 * byte as Go writes them; text formats reproduce the Go library functions HAMi relies on ({@code strconv},
 * {@code strings.TrimSpace}, {@code time.Parse}) rather than the nearest Java ones. Where HAMi is lenient in a way
 * that could book the wrong device or silently change a policy, the codec fails closed and its Javadoc says so.
 */
package io.hami.model.annotation;
