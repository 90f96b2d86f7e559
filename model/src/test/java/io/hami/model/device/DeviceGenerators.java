package io.hami.model.device;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for the device records, shared by the record and codec properties. Text fields mix
 * realistic values with arbitrary Unicode (control characters, quotes, {@code <>&}, lone surrogates), since the codecs
 * must carry every string a record accepts.
 */
public final class DeviceGenerators {

    private DeviceGenerators() {
    }

    /** Strings of up to {@code max} characters drawn from {@code alphabet}. */
    public static Gen<String> stringsOf(String alphabet, int max) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(0, max)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** Any text a record accepts: realistic, JSON and HTML specials, arbitrary Unicode; no unpaired surrogate. */
    public static Gen<String> anyText() {
        return rawText().map(DeviceGenerators::pairSurrogatesOnly);
    }

    /** Any UTF-16 string, unpaired surrogates included: input for decoders, not for records. */
    public static Gen<String> rawText() {
        return Generate.oneOf(
                Generate.pick(List.of("", "GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448", "NVIDIA-Tesla V100-PCIE-32GB",
                        "hami-core", "mig", "mps", "<b>&\"\\</b>", "\u2028\u2029", "\u00e9\u4e2d\ud83d\ude00")),
                stringsOf("\"\\<>&\b\f\n\r\t\u0000\u001f\u007f\u2028\ud800\udc00,:;{}[] aZ09\u017f\u212a", 12),
                strings().allPossible().ofLengthBetween(0, 12));
    }

    private static String pairSurrogatesOnly(String s) {
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A non-empty string. Mapped rather than filtered: QuickTheories gives up on a property whose generators
     * discard too many values, and records built from several of these would discard most of theirs.
     */
    public static Gen<String> someText() {
        return anyText().map(s -> s.isEmpty() ? "x" : s);
    }

    /** A string the legacy colon form can carry: no {@code ,} and no {@code :}. */
    public static Gen<String> legacyText() {
        return anyText().map(s -> s.replace(",", "").replace(":", ""));
    }

    /** A non-empty UUID or type for {@link ContainerDevice}. */
    public static Gen<String> token() {
        return Generate.oneOf(
                Generate.pick(List.of("NVIDIA", "GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448", "DCU", "Ascend910B3")),
                strings().betweenCodePoints('!', '~').ofLengthBetween(1, 40),
                strings().allPossible().ofLengthBetween(1, 12))
                .map(DeviceGenerators::keepTokenChars)
                .map(DeviceGenerators::pairSurrogatesOnly)
                .map(s -> s.isEmpty() ? "x" : s);
    }

    private static String keepTokenChars(String s) {
        var sb = new StringBuilder();
        s.chars().filter(c -> ContainerDevice.isTokenChar((char) c)).forEach(c -> sb.append((char) c));
        return sb.toString();
    }

    public static Gen<Integer> anyInt() {
        return Generate.oneOf(integers().between(-2, 100_000), integers().all(),
                Generate.pick(List.of(Integer.MIN_VALUE, Integer.MAX_VALUE)));
    }

    public static Gen<Integer> nonNegativeInt() {
        return Generate.oneOf(integers().between(0, 100_000), integers().between(0, Integer.MAX_VALUE));
    }

    public static Gen<Long> uint32() {
        return Generate.oneOf(longs().between(0, 16), longs().between(0, Checks.UINT32_MAX));
    }

    /** {@code gen}'s values and, about half the time, {@code null}. */
    public static <T> Gen<T> orNull(Gen<T> gen) {
        return gen.toOptionals(50).map(o -> o.orElse(null));
    }

    public static Gen<MigPlacement> placement() {
        return uint32().zip(uint32(), MigPlacement::new);
    }

    public static Gen<MigProfile> profile() {
        return anyText().zip(anyInt(), anyInt(), uint32(), (name, mem, core, slices) -> List.of(name, mem, core, slices))
                .zip(lists().of(placement()).ofSizeBetween(0, 3), (f, placements) -> new MigProfile(
                        (String) f.get(0), (Integer) f.get(1), (Integer) f.get(2), (Long) f.get(3), placements));
    }

    private static Gen<int[]> deviceNumbers() {
        return nonNegativeInt().zip(anyInt(), anyInt(), anyInt(), anyInt(),
                (index, count, mem, core, numa) -> new int[] {index, count, mem, core, numa});
    }

    /** A device as the JSON form can carry it: every field, MIG profiles and network id included. */
    public static Gen<NodeDevice> nodeDevice() {
        Gen<String[]> texts = anyText().zip(anyText(), anyText(), (id, type, mode) -> new String[] {id, type, mode});
        return texts.zip(deviceNumbers(), booleans().all(), lists().of(profile()).ofSizeBetween(0, 2),
                orNull(anyInt()), (t, n, health, profiles, networkId) -> new NodeDevice(t[0], n[0], n[1], n[2], n[3],
                        t[1], n[4], t[2], health, profiles, networkId));
    }

    /** A device as the legacy colon form can carry it. */
    public static Gen<NodeDevice> legacyNodeDevice() {
        Gen<String[]> texts = legacyText().zip(legacyText(), legacyText(),
                (id, type, mode) -> new String[] {id, type, mode});
        return texts.zip(deviceNumbers(), booleans().all(), (t, n, health) -> NodeDevice.of(t[0], n[0], n[1], n[2],
                n[3], t[1], n[4], t[2], health));
    }

    public static Gen<NodeRegistration> registration() {
        return lists().of(nodeDevice()).ofSizeBetween(1, 4).map(NodeRegistration::new);
    }

    public static Gen<NodeRegistration> legacyRegistration() {
        return lists().of(legacyNodeDevice()).ofSizeBetween(1, 4).map(NodeRegistration::new);
    }

    public static Gen<PairScore> pairScore() {
        Gen<Map<String, Integer>> scores = lists().of(anyText().zip(anyInt(), Map::entry)).ofSizeBetween(0, 4)
                .map(entries -> {
                    var map = new LinkedHashMap<String, Integer>();
                    entries.forEach(e -> map.put(e.getKey(), e.getValue()));
                    return map;
                });
        return anyText().zip(scores, PairScore::new);
    }

    public static Gen<NodeScores> nodeScores() {
        return lists().of(pairScore()).ofSizeBetween(0, 4).map(NodeScores::new);
    }

    public static Gen<ContainerDevice> containerDevice() {
        return token().zip(token(), nonNegativeInt(), nonNegativeInt(), ContainerDevice::new);
    }

    public static Gen<PodDevices> podDevices() {
        return lists().of(lists().of(containerDevice()).ofSizeBetween(0, 3).map(ContainerDevices::new))
                .ofSizeBetween(0, 5).map(PodDevices::new);
    }

    public static Gen<MigRuntime> migRuntime() {
        return someText().zip(uint32(), uint32(), MigRuntime::new);
    }

    public static Gen<MigAllocation> migAllocation() {
        Gen<Integer> index = Generate.oneOf(integers().between(0, 4), nonNegativeInt());
        Gen<MigPlacement> placement = uint32().zip(uint32().map(s -> s == 0 ? 1L : s), MigPlacement::new);
        Gen<int[]> slot = index.zip(index, (c, d) -> new int[] {c, d});
        return slot.zip(someText(), someText(), placement, orNull(migRuntime()),
                (s, gpu, profile, p, runtime) -> new MigAllocation(s[0], s[1], gpu, profile, p, runtime));
    }

    public static Gen<MigAllocations> migAllocations() {
        return lists().of(migAllocation()).ofSizeBetween(0, 4).map(list -> {
            var unique = new LinkedHashMap<List<Integer>, MigAllocation>();
            list.forEach(a -> unique.putIfAbsent(List.of(a.containerIndex(), a.deviceIndex()), a));
            return new MigAllocations(List.copyOf(unique.values()));
        });
    }
}
