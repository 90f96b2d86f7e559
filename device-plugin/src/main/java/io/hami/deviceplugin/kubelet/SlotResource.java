package io.hami.deviceplugin.kubelet;

import io.hami.deviceplugin.devices.PhysicalDevice;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * A resource a vendor's plugin offers besides its device count, as slots that only count: Cambricon's
 * {@code mlu.smlu.vcore} (100 per card) and {@code mlu.smlu.vmemory} (one per 256 MiB), Moore Threads'
 * {@code sgpu-core} (16 per GPU) and {@code sgpu-memory} (one per 512 MiB). Such a vendor's scheduler reads the
 * node's capacity of these resources to know its devices (docs/vendors.md, "Resources from node capacity"); kubelet
 * then hands a container as many slots as it asks for, and {@code Allocate} for them has nothing to add: the
 * container's devices come with its count resource.
 *
 * @param name   the resource name, e.g. {@code cambricon.com/mlu.smlu.vcore}
 * @param suffix the plugin socket's suffix, e.g. {@code vcore} for {@code hami-cambricon-vcore.sock}
 * @param slots  how many slots a device offers
 */
public record SlotResource(String name, String suffix, ToIntFunction<PhysicalDevice> slots) {

    private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");

    public SlotResource {
        Objects.requireNonNull(name, "name");
        if (name.indexOf('/') <= 0 || name.endsWith("/")) {
            throw new IllegalArgumentException("an extended resource name is <domain>/<name>: " + name);
        }
        Objects.requireNonNull(suffix, "suffix");
        if (!SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException("socket suffix must be lower-case letters, digits and '-': " + suffix);
        }
        Objects.requireNonNull(slots, "slots");
    }

    /** The socket file name of this resource beside the plugin's own {@code endpoint} ({@code x.sock} → {@code x-suffix.sock}). */
    public String endpoint(String endpoint) {
        return endpoint.substring(0, endpoint.length() - ".sock".length()) + "-" + suffix + ".sock";
    }
}
