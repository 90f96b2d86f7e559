/**
 * The one view of a node's accelerators that every vendor binding gives: a {@link
 * io.hami.bindings.discovery.DeviceDiscovery} per vendor library lists {@link
 * io.hami.bindings.discovery.DiscoveredDevice}s (id, model, memory, utilization, health, NUMA node, PCI address,
 * device nodes). A device whose calls fail is listed unhealthy with its problems; the others are listed as
 * usual. The survey loop, the recording of failures and the NUMA fallback through sysfs are written once here
 * ({@link io.hami.bindings.discovery.LibraryDiscovery}, {@link io.hami.bindings.discovery.DeviceFacts},
 * {@link io.hami.bindings.discovery.SysfsNuma}); each vendor says only how to read its facts.
 *
 * <p>{@code io.hami.bindings.DeviceDiscoveries} opens the discovery of a vendor by its library.
 */
package io.hami.bindings.discovery;
