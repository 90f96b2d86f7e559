/**
 * The mechanics every vendor binding shares, written once: opening a library chosen at run time
 * ({@link io.hami.bindings.ffm.LibraryLookup}), binding its functions optionally so that a missing symbol is a
 * status ({@link io.hami.bindings.ffm.Downcalls}), out-parameters on a per-thread scratch frame
 * ({@link io.hami.bindings.ffm.OutParams}), C strings from fixed buffers ({@link io.hami.bindings.ffm.CStrings}),
 * and the road from a status code to a typed exception ({@link io.hami.bindings.ffm.StatusTable},
 * {@link io.hami.bindings.ffm.NativeResult}, {@link io.hami.bindings.ffm.NativeCalls},
 * {@link io.hami.bindings.ffm.NativeCallException}).
 *
 * <p>These types are public only so that the vendor packages of this module can share them; daemons use the
 * vendor facades and {@code io.hami.bindings.discovery}, never a {@code MemorySegment}.
 */
package io.hami.bindings.ffm;
