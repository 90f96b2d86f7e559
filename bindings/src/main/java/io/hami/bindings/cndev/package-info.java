/**
 * Cambricon's CNDEV ({@code libcndev.so}) through Panama FFM: {@link io.hami.bindings.cndev.CndevApi} returns
 * each call's status and records, {@link io.hami.bindings.cndev.FfmCndev} implements it over a library chosen
 * at run time, and {@link io.hami.bindings.cndev.Cndev} is the facade and the vendor's
 * {@link io.hami.bindings.discovery.DeviceDiscovery}.
 *
 * <p>What is particular to CNDEV: devices are int handles (not indices, not pointers); most structs carry a
 * version the caller sets (we ask with 6, as Cambricon's device plugin does, and name the version when a library
 * rejects it); memory is in MB, process memory in KiB. Every layout is proven against the C probe of
 * {@code native-headers}; every call runs against the C mock of {@code test-fixtures}.
 */
package io.hami.bindings.cndev;
