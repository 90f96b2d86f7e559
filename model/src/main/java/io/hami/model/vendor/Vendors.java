package io.hami.model.vendor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The catalog of device types: an immutable, ordered set of {@link VendorDescriptor}s looked up by id,
 * common word, resource name or annotation key.
 *
 * <p>{@link #defaults()} holds HAMi v2.10's chart defaults for the thirteen vendors we serve; a catalog for a
 * cluster's own {@code device-config.yaml} (other resource names, other Ascend SKUs or Iluvatar chips) is
 * built from the same constructors in {@link DefaultVendors}.
 */
public final class Vendors {
    private final Map<String, VendorDescriptor> byId;
    private final List<VendorDescriptor> order;

    /** Builds a catalog; ids, common words, resource names and pod allocation keys must all be unique. */
    public Vendors(Collection<VendorDescriptor> descriptors) {
        var map = new LinkedHashMap<String, VendorDescriptor>();
        var words = new LinkedHashMap<String, String>();
        var names = new LinkedHashMap<String, String>();
        for (var d : descriptors) {
            if (map.putIfAbsent(d.id(), d) != null) {
                throw new IllegalArgumentException("duplicate device type id " + d.id());
            }
            claim(words, d.commonWord(), d.id(), "common word");
            claim(names, d.annotations().devicesToAllocate(), d.id(), "annotation key");
            claim(names, d.annotations().devicesAllocated(), d.id(), "annotation key");
            claim(names, d.resources().count(), d.id(), "resource name");
        }
        this.byId = Map.copyOf(map);
        this.order = List.copyOf(map.values());
    }

    private static void claim(Map<String, String> owners, String key, String id, String what) {
        var previous = owners.putIfAbsent(key, id);
        if (previous != null) {
            throw new IllegalArgumentException(what + " " + key + " is used by both " + previous + " and " + id);
        }
    }

    /** HAMi v2.10's chart defaults for every device type we serve. */
    public static Vendors defaults() {
        return DefaultVendors.catalog();
    }

    /** All device types, in catalog order. */
    public List<VendorDescriptor> all() {
        return order;
    }

    /** The device types of one vendor, in catalog order. */
    public List<VendorDescriptor> of(Vendor vendor) {
        return order.stream().filter(d -> d.vendor() == vendor).toList();
    }

    /** The device type with this id ({@code nvidia}, {@code ascend-910b2}, …), case-insensitive. */
    public Optional<VendorDescriptor> byId(String id) {
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    /** The device type with this common word ({@code NVIDIA}, {@code MLU}, …), exact. */
    public Optional<VendorDescriptor> byCommonWord(String commonWord) {
        return order.stream().filter(d -> d.commonWord().equals(commonWord)).findFirst();
    }

    /** The device type whose count resource is this name (e.g. {@code nvidia.com/gpu}). */
    public Optional<VendorDescriptor> byCountResource(String resourceName) {
        return order.stream().filter(d -> d.resources().count().equals(resourceName)).findFirst();
    }

    /** The device type whose pod allocation annotation ({@code …-to-allocate} or {@code …-allocated}) is this key. */
    public Optional<VendorDescriptor> byAllocationKey(String key) {
        return order.stream()
                .filter(d -> d.annotations().devicesAllocated().equals(key) || d.annotations().devicesToAllocate().equals(key))
                .findFirst();
    }

    /** The ids of all device types, comma separated, for error messages. */
    public String ids() {
        return order.stream().map(VendorDescriptor::id).collect(Collectors.joining(", "));
    }

    /** A catalog with these descriptors added after the existing ones. */
    public Vendors with(Collection<VendorDescriptor> more) {
        var all = new ArrayList<>(order);
        all.addAll(more);
        return new Vendors(all);
    }
}
