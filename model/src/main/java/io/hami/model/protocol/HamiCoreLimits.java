package io.hami.model.protocol;

import static io.hami.model.protocol.HamiCoreView.MAX_DEVICES;
import static io.hami.model.protocol.HamiCoreView.MEMORY_LIMIT_PREFIX;

import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A HAMi allocation read back from a container's environment (what {@link HamiCoreView#spec} or HAMi's
 * own device plugin wrote): the GPUs, the memory limit of each, the core limit and the region file. The
 * runtime shim uses it to decide which device nodes a container gets. The environment comes from a pod
 * spec, so it is untrusted: only the exact forms HAMi writes are accepted.
 *
 * @param visibleUuids  the distinct GPU UUIDs of {@code NVIDIA_VISIBLE_DEVICES}, in order
 * @param memoryMiB     {@code CUDA_DEVICE_MEMORY_LIMIT_<i>} for i = 0.., in MiB (0 = no limit)
 * @param smLimit       {@code CUDA_DEVICE_SM_LIMIT}, percent 0..100 (0 or 100 = no throttle), when set
 * @param sharedCache   {@code CUDA_DEVICE_MEMORY_SHARED_CACHE}, an absolute container path, when set
 */
public record HamiCoreLimits(List<String> visibleUuids, List<Long> memoryMiB, Optional<Integer> smLimit,
        Optional<String> sharedCache) {

    /** The format name in error messages. */
    public static final String FORMAT = "hami-core-env";

    private static final Pattern MIB = Pattern.compile("(0|[1-9][0-9]{0,9})m");
    private static final Pattern PERCENT = Pattern.compile("0|[1-9][0-9]?|100");
    private static final Pattern UUID_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public HamiCoreLimits {
        visibleUuids = List.copyOf(visibleUuids);
        memoryMiB = List.copyOf(memoryMiB);
        Objects.requireNonNull(smLimit, "smLimit");
        Objects.requireNonNull(sharedCache, "sharedCache");
    }

    /**
     * Reads the allocation from an environment; empty when the container carries none (no memory or core
     * limit variable at all).
     *
     * @throws WireFormatException when a HAMi variable is present but malformed or inconsistent
     */
    public static Optional<HamiCoreLimits> fromEnv(Map<String, String> env) throws WireFormatException {
        boolean any = env.containsKey(HamiCoreView.SM_LIMIT)
                || env.keySet().stream().anyMatch(k -> k.startsWith(MEMORY_LIMIT_PREFIX));
        if (!any) {
            return Optional.empty();
        }
        var uuids = visibleUuids(env.get(HamiCoreView.VISIBLE_DEVICES));
        var memory = memoryLimits(env);
        if (memory.size() < uuids.size()) {
            throw new WireFormatException(FORMAT, MEMORY_LIMIT_PREFIX + memory.size(),
                    uuids.size() + " GPUs are visible but only " + memory.size() + " memory limits are set", null);
        }
        Optional<Integer> sm = Optional.empty();
        var smText = env.get(HamiCoreView.SM_LIMIT);
        if (smText != null) {
            if (!PERCENT.matcher(smText).matches()) {
                throw new WireFormatException(FORMAT, HamiCoreView.SM_LIMIT, "expected a percentage 0..100", smText);
            }
            sm = Optional.of(Integer.parseInt(smText));
        }
        var cache = Optional.ofNullable(env.get(HamiCoreView.SHARED_CACHE));
        if (cache.isPresent()) {
            var path = cache.get();
            if (!path.startsWith("/") || ("/" + path + "/").contains("/../") || path.length() > 4096) {
                throw new WireFormatException(FORMAT, HamiCoreView.SHARED_CACHE, "expected an absolute path without '..'", path);
            }
        }
        return Optional.of(new HamiCoreLimits(uuids, memory, sm, cache));
    }

    private static List<String> visibleUuids(String value) throws WireFormatException {
        if (value == null || value.isEmpty()) {
            throw new WireFormatException(FORMAT, HamiCoreView.VISIBLE_DEVICES, "limits are set but no GPU is visible", value);
        }
        var uuids = new LinkedHashSet<String>();
        for (var token : value.split(",", -1)) {
            if (!UUID_TOKEN.matcher(token).matches() || token.equals("all") || token.equals("none") || token.chars().allMatch(Character::isDigit)) {
                throw new WireFormatException(FORMAT, HamiCoreView.VISIBLE_DEVICES, "expected a comma list of GPU UUIDs", value);
            }
            uuids.add(token);
        }
        if (uuids.size() > MAX_DEVICES) {
            throw new WireFormatException(FORMAT, HamiCoreView.VISIBLE_DEVICES, "more than " + MAX_DEVICES + " GPUs", value);
        }
        return new ArrayList<>(uuids);
    }

    private static List<Long> memoryLimits(Map<String, String> env) throws WireFormatException {
        var limits = new ArrayList<Long>();
        for (var key : env.keySet()) {
            if (key.startsWith(MEMORY_LIMIT_PREFIX) && !key.substring(MEMORY_LIMIT_PREFIX.length()).matches("0|[1-9][0-9]?")) {
                throw new WireFormatException(FORMAT, key, "unknown memory limit variable (expected indexes 0.." + (MAX_DEVICES - 1) + ")", key);
            }
        }
        for (int i = 0; env.containsKey(MEMORY_LIMIT_PREFIX + i); i++) {
            var name = MEMORY_LIMIT_PREFIX + i;
            if (i >= MAX_DEVICES) {
                throw new WireFormatException(FORMAT, name, "HAMi-core limits at most " + MAX_DEVICES + " devices", null);
            }
            var text = env.get(name);
            if (!MIB.matcher(text).matches() || Long.parseLong(text.substring(0, text.length() - 1)) > Integer.MAX_VALUE) {
                throw new WireFormatException(FORMAT, name, "expected <MiB>m as HAMi writes it", text);
            }
            limits.add(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        long declared = env.keySet().stream().filter(k -> k.startsWith(MEMORY_LIMIT_PREFIX)).count();
        if (declared != limits.size()) {
            throw new WireFormatException(FORMAT, MEMORY_LIMIT_PREFIX + limits.size(),
                    "memory limits must be numbered 0, 1, 2, … without gaps", null);
        }
        return limits;
    }
}
