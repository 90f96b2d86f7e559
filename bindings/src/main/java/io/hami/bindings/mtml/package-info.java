/**
 * Moore Threads' MTML 2.2 ({@code libmtml.so}) through Panama FFM: {@link io.hami.bindings.mtml.MtmlApi} returns
 * each call's status and records, {@link io.hami.bindings.mtml.FfmMtml} implements it over a library chosen at
 * run time, and {@link io.hami.bindings.mtml.Mtml} is the facade and the vendor's
 * {@link io.hami.bindings.discovery.DeviceDiscovery}.
 *
 * <p>What is particular: MTML is an object model of opaque pointers (a library object, device objects, and
 * memory and GPU sub-objects), each allocated by an {@code Init} and released by its {@code Free}. The binding
 * keeps every pointer inside: sub-objects live for one call, device objects until the library is shut down, so
 * nothing leaks and no caller holds a pointer. {@code mtmlDeviceGetSerialNumber} takes its length before its
 * buffer. MTML 2.2 has no health, event or process calls.
 */
package io.hami.bindings.mtml;
