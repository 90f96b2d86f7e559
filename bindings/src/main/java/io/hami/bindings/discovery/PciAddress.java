package io.hami.bindings.discovery;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PCI function's address. {@link #toString()} is the device's directory name under
 * {@code /sys/bus/pci/devices}, lower case: {@code 0000:3b:00.0}.
 *
 * @param domain   0..0xFFFFFFFF (read unsigned)
 * @param bus      0..255
 * @param device   0..31
 * @param function 0..7
 */
public record PciAddress(int domain, int bus, int device, int function) {

    private static final Pattern TEXT = Pattern.compile("([0-9a-fA-F]{4,8}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");

    public PciAddress {
        if (bus < 0 || bus > 0xFF || device < 0 || device > 0x1F || function < 0 || function > 7) {
            throw new IllegalArgumentException("not a PCI address: bus " + bus + ", device " + device + ", function " + function);
        }
    }

    /**
     * The address in a text a library wrote ({@code 0000:3b:00.0}, {@code 00000000:3B:00.0}); empty when it is
     * not one.
     */
    public static Optional<PciAddress> parse(String text) {
        var m = TEXT.matcher(text.trim());
        if (!m.matches() || Integer.parseInt(m.group(3), 16) > 0x1F) {
            return Optional.empty();
        }
        return Optional.of(new PciAddress((int) Long.parseLong(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16), Integer.parseInt(m.group(4))));
    }

    /** {@code dddd:bb:dd.f} in lower case, with a wider domain where it needs more than four digits. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", Integer.toUnsignedLong(domain), bus, device, function);
    }
}
