/**
 * Cambricon's runtime library CNRT ({@code libcnrt.so}, the API of CNRT 5 and later) through Panama FFM, for
 * device discovery where CNDEV is not installed: {@link io.hami.bindings.cnrt.CnrtApi} returns each call's status
 * and records, {@link io.hami.bindings.cnrt.FfmCnrt} implements it over a library chosen at run time, and
 * {@link io.hami.bindings.cnrt.Cnrt} is the facade and a Cambricon {@link io.hami.bindings.discovery.DeviceDiscovery}.
 *
 * <p>What is particular to CNRT: it initializes itself at its first call and has no shutdown; devices are
 * ordinals; memory is read for the calling thread's current device, in bytes; the device properties come from
 * {@code cnrtGetDeviceProperties_V3} where the library has it (CNRT 6.14's header renames the unversioned call to
 * it), else only their name from the unversioned call. The layout is proven against the C probe of
 * {@code native-headers}; every call runs against the C mock of {@code test-fixtures}.
 */
package io.hami.bindings.cnrt;
