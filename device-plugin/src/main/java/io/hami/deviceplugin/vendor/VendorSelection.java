package io.hami.deviceplugin.vendor;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.model.config.DeviceConfig;
import io.hami.model.config.VnpuConfig;
import io.hami.model.vendor.ConfiguredVendors;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which device type a node's plugin serves, from {@code --vendor}, the device-config file and the devices the vendor's
 * library lists: most vendors have one type; an Ascend node serves the SKU whose {@code chipName} its chips report
 * (as HAMi's Ascend plugin picks its {@code vnpus} entry), an Iluvatar node the chip its GPUs are. A node whose devices
 * match no configured type, or several, is one clear error.
 */
public final class VendorSelection {

    /** The {@code --vendor} values of the plugins built here. */
    public static final List<String> VENDORS = List.of("cambricon", "ascend", "hygon", "iluvatar", "metax-gpu",
            "metax-sgpu", "mthreads");

    private VendorSelection() {
    }

    /** The library vendor behind a {@code --vendor} value. */
    public static DeviceVendor libraryVendor(String vendorId) {
        return switch (check(vendorId)) {
            case "cambricon" -> DeviceVendor.CAMBRICON;
            case "ascend" -> DeviceVendor.ASCEND;
            case "hygon" -> DeviceVendor.HYGON;
            case "iluvatar" -> DeviceVendor.ILUVATAR;
            case "metax-gpu", "metax-sgpu" -> DeviceVendor.METAX;
            default -> DeviceVendor.MTHREADS;
        };
    }

    /**
     * The profile of the device type this node serves.
     *
     * @param found the devices the vendor's library lists
     * @throws IllegalArgumentException naming the vendor, the models found and the types configured, when none or
     *                                  several fit
     */
    public static VendorProfile select(String vendorId, DeviceConfig config, List<DiscoveredDevice> found) {
        var configured = ConfiguredVendors.from(config);
        return switch (check(vendorId)) {
            case "cambricon" -> VendorProfile.fromCapacity(only(configured, Vendor.CAMBRICON, "cambricon"));
            case "hygon" -> VendorProfile.hygon(only(configured, Vendor.HYGON, "hygon"));
            case "metax-gpu" -> VendorProfile.fromCapacity(byId(configured, "metax-gpu"));
            case "metax-sgpu" -> VendorProfile.metaxSgpu(byId(configured, "metax-sgpu"));
            case "mthreads" -> VendorProfile.fromCapacity(only(configured, Vendor.MTHREADS, "mthreads"));
            case "ascend" -> ascend(configured, config, found);
            default -> VendorProfile.iluvatar(iluvatar(configured, found));
        };
    }

    private static VendorProfile ascend(Vendors configured, DeviceConfig config, List<DiscoveredDevice> found) {
        var skus = config.vnpus().map(v -> v.configs()).orElse(List.of());
        var models = models(found);
        var matching = skus.stream().filter(sku -> models.contains("Ascend" + sku.chipName())).toList();
        if (matching.size() != 1 || models.size() != 1) {
            throw new IllegalArgumentException("Ascend: the chips report " + models + "; the vnpus section configures "
                    + skus.stream().map(VnpuConfig::chipName).toList() + ": a node must hold chips of exactly one "
                    + "configured chipName");
        }
        VnpuConfig sku = matching.getFirst();
        var descriptor = configured.of(Vendor.ASCEND).stream().filter(d -> d.commonWord().equals(sku.commonWord()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("Ascend: no device type for " + sku.commonWord()));
        return VendorProfile.ascend(descriptor, sku);
    }

    private static VendorDescriptor iluvatar(Vendors configured, List<DiscoveredDevice> found) {
        var models = models(found);
        var chips = configured.of(Vendor.ILUVATAR);
        var matching = chips.stream().filter(d -> models.stream().anyMatch(m -> chipOf(m).equals(d.commonWord()))).toList();
        if (matching.size() != 1 || models.size() != 1) {
            throw new IllegalArgumentException("Iluvatar: the GPUs report " + models + "; the iluvatars section configures "
                    + chips.stream().map(VendorDescriptor::commonWord).toList() + ": a node must hold GPUs of exactly one "
                    + "configured chip");
        }
        return matching.getFirst();
    }

    /** The chip of an IXML model name: its last word ({@code Iluvatar BI-V150} is {@code BI-V150}). */
    static String chipOf(String model) {
        var words = model.trim().split("\\s+");
        return words[words.length - 1].toUpperCase(Locale.ROOT);
    }

    private static List<String> models(List<DiscoveredDevice> found) {
        return found.stream().map(d -> d.model().orElse("?")).distinct().sorted().collect(Collectors.toList());
    }

    private static VendorDescriptor only(Vendors configured, Vendor vendor, String section) {
        var types = configured.of(vendor);
        if (types.size() != 1) {
            throw new IllegalArgumentException("the device-config file configures no " + section + " section");
        }
        return types.getFirst();
    }

    private static VendorDescriptor byId(Vendors configured, String id) {
        return configured.byId(id).orElseThrow(() -> new IllegalArgumentException(
                "the device-config file configures no metax section"));
    }

    private static String check(String vendorId) {
        if (!VENDORS.contains(vendorId)) {
            throw new IllegalArgumentException("--vendor must be one of nvidia, " + String.join(", ", VENDORS) + ": "
                    + vendorId);
        }
        return vendorId;
    }
}
