package io.hami.model.device;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The value of {@code enflame.com/gcu-drs-capacity}: what Enflame's device plugin registers of its GCUs in DRS mode,
 * the cards with the number of slices each can give out and the profiles (partition sizes) the node offers. HAMi
 * source: {@code GetNodeDevices} in {@code pkg/device/enflame/device.go}.
 *
 * @param devices  the cards, at least one
 * @param profiles profile name ({@code 2g.16gb}: slices, then GiB) to the plugin's profile id; at least one names a
 *                 positive number of slices
 */
public record EnflameDrsCapacity(List<Card> devices, Map<String, String> profiles) {

    /**
     * One card.
     *
     * @param index    the card's index (HAMi reads it from text; an unreadable one is the card's position)
     * @param minor    its device minor as text (the index when the plugin gives none)
     * @param capacity slices it holds, at least 1
     */
    public record Card(int index, String minor, int capacity) {
        public Card {
            Checks.nonNegative(index, "index");
            Checks.text(minor, "minor");
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
            }
        }
    }

    /**
     * A profile read from its name.
     *
     * @param name      as registered, e.g. {@code 2g.16gb}
     * @param id        the plugin's id of it
     * @param slices    slices it takes ({@code 2} of {@code 2g})
     * @param memoryGiB GiB it holds ({@code 16} of {@code 16gb}); 0 when the name gives none
     */
    public record Profile(String name, String id, int slices, int memoryGiB) {
    }

    public EnflameDrsCapacity {
        devices = Checks.copy(devices, "devices");
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("devices must not be empty: no DRS devices registered");
        }
        Objects.requireNonNull(profiles, "profiles");
        profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
        if (profiles.keySet().stream().mapToInt(n -> parse(n, "").slices()).max().orElse(0) <= 0) {
            throw new IllegalArgumentException("no profile names a number of slices (e.g. 1g.8gb): " + profiles.keySet());
        }
    }

    /** The profiles whose name reads as slices and GiB, smallest first (slices, then memory), as HAMi sorts them. */
    public List<Profile> parsedProfiles() {
        return profiles.entrySet().stream().map(e -> parse(e.getKey(), e.getValue()))
                .filter(p -> p.slices() > 0 && p.memoryGiB() > 0)
                .sorted((a, b) -> a.slices() != b.slices() ? Integer.compare(a.slices(), b.slices())
                        : Integer.compare(a.memoryGiB(), b.memoryGiB()))
                .toList();
    }

    /** The largest number of slices a profile names: the slices of a whole card. */
    public int maxSlices() {
        return profiles.keySet().stream().mapToInt(n -> parse(n, "").slices()).max().orElse(0);
    }

    /** The largest GiB a profile names, else {@link #maxSlices()} (HAMi's fallback): a whole card's memory. */
    public int maxMemoryGiB() {
        int max = profiles.keySet().stream().mapToInt(n -> parse(n, "").memoryGiB()).max().orElse(0);
        return max > 0 ? max : maxSlices();
    }

    /**
     * Reads a profile name as HAMi does: lower-cased and trimmed, split at dots; the first part less a trailing
     * {@code g} is the slices, the second less a trailing {@code gb} the GiB; what does not read is 0.
     */
    public static Profile parse(String name, String id) {
        String[] parts = name.trim().toLowerCase(java.util.Locale.ROOT).split("\\.", -1);
        if (parts.length < 2) {
            return new Profile(name, id, 0, 0);
        }
        int slices = number(strip(parts[0].trim(), "g"));
        int memory = slices == 0 ? 0 : number(strip(parts[1].trim(), "gb"));
        return new Profile(name, id, slices, memory);
    }

    private static String strip(String text, String suffix) {
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }

    private static int number(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Integer.parseInt(text);
    }
}
