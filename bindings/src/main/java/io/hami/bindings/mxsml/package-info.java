/**
 * MetaX's MXSML ({@code libmxsml.so}) through Panama FFM: {@link io.hami.bindings.mxsml.MxsmlApi} returns each
 * call's status and records, {@link io.hami.bindings.mxsml.FfmMxsml} implements it over a library chosen at run
 * time, and {@link io.hami.bindings.mxsml.Mxsml} is the facade and the vendor's
 * {@link io.hami.bindings.discovery.DeviceDiscovery}.
 *
 * <p>What is particular: MetaX publishes no C header, so every layout here was rebuilt from MetaX's own
 * bindings and is checked only against our probe and mock; {@code mxSmlGetDeviceCount} has two published
 * forms, and the binding tells them apart by probing ({@link io.hami.bindings.mxsml.DeviceCountForm});
 * devices are indices; memory is in KB; there is no shutdown.
 */
package io.hami.bindings.mxsml;
