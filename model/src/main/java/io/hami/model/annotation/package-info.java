/**
 * HAMi v2.10 annotation values as codecs and records: one {@link io.hami.model.wire.WireCodec} per
 * annotation format, the record or enum it produces, and the small query methods the scheduler and the
 * device plugin need to reproduce HAMi's decisions on those values.
 *
 * <p>Where HAMi's Go code depends on a Go library function ({@code strings.TrimSpace},
 * {@code strconv.ParseBool}, {@code time.Parse}), the codecs reproduce that function's exact
 * behaviour rather than the nearest Java one; where HAMi silently reinterprets a bad value, the codecs
 * reject it and each class says so.
 */
package io.hami.model.annotation;
