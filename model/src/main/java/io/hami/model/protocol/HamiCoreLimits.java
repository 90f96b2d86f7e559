package io.hami.model.protocol;

import static io.hami.model.protocol.HamiCoreView.MAX_DEVICES;
import static io.hami.model.protocol.HamiCoreView.MEMORY_LIMIT_PREFIX;

import io.hami.model.wire.AsciiText;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A HAMi allocation read back from a container's environment (what {@link HamiCoreView#spec} or HAMi's
 * own device plugin wrote): the GPUs, the memory limit of each, the core limit and the region file. The
 * runtime shim uses it to decide which device nodes a container gets. The environment comes from a pod
 * spec, so it is untrusted: only the exact forms HAMi writes are accepted, and sizes are bounded before
 * anything is split (docs/security.md, "Runtime shim"):
 *
 * <ul>
 *   <li>{@code NVIDIA_VISIBLE_DEVICES} names at most {@link HamiCoreView#MAX_DEVICES} GPUs, each once (HAMi
 *       de-duplicates the list it writes), so it is at most {@link #MAX_VISIBLE_DEVICES_CHARS} long;</li>
 *   <li>no variable, as {@code NAME=value}, is longer than Linux's {@code execve} takes
 *       ({@link #MAX_VARIABLE_BYTES}), and the whole environment is at most {@link #MAX_ENV_BYTES}: a container
 *       the runtime could not start is refused here, in one line, rather than by {@code runc} later.</li>
 * </ul>
 *
 * @param visibleUuids  the GPU UUIDs of {@code NVIDIA_VISIBLE_DEVICES}, in order, each once
 * @param memoryMiB     {@code CUDA_DEVICE_MEMORY_LIMIT_<i>} for i = 0.., in MiB (0 = no limit)
 * @param smLimit       {@code CUDA_DEVICE_SM_LIMIT}, percent 0..100 (0 or 100 = no throttle), when set
 * @param sharedCache   {@code CUDA_DEVICE_MEMORY_SHARED_CACHE}, an absolute container path, when set
 */
public record HamiCoreLimits(List<String> visibleUuids, List<Long> memoryMiB, Optional<Integer> smLimit,
        Optional<String> sharedCache) {

    /** The format name in error messages. */
    public static final String FORMAT = "hami-core-env";

    /** The longest GPU UUID token accepted in {@code NVIDIA_VISIBLE_DEVICES}. */
    public static final int MAX_UUID_CHARS = 128;
    /** The longest {@code NVIDIA_VISIBLE_DEVICES}: {@link HamiCoreView#MAX_DEVICES} of the longest UUIDs, comma-separated. */
    public static final int MAX_VISIBLE_DEVICES_CHARS = HamiCoreView.MAX_DEVICES * (MAX_UUID_CHARS + 1) - 1;
    /**
     * The most UTF-8 bytes of one {@code NAME=value}: Linux's {@code MAX_ARG_STRLEN} (128 KiB with the terminating
     * NUL); {@code execve} fails with {@code E2BIG} on a longer string, whatever the stack limit.
     */
    public static final int MAX_VARIABLE_BYTES = 128 * 1024 - 1;
    /**
     * The most bytes of the whole environment, each {@code NAME=value} with its NUL: what Linux's {@code execve}
     * takes for arguments and environment together under the default 8 MiB stack limit (a quarter of it).
     */
    public static final int MAX_ENV_BYTES = 2 * 1024 * 1024;

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
     * @throws WireFormatException when a HAMi variable is present but malformed or inconsistent, or the
     *                             environment of a container with an allocation is larger than a process may have
     */
    public static Optional<HamiCoreLimits> fromEnv(Map<String, String> env) throws WireFormatException {
        if (!env.containsKey(HamiCoreView.SM_LIMIT) && memoryLimitNames(env) == 0) {
            return Optional.empty();
        }
        var uuids = visibleUuids(env.get(HamiCoreView.VISIBLE_DEVICES));
        checkSizes(env);
        var memory = memoryLimits(env);
        if (memory.size() < uuids.size()) {
            throw new WireFormatException(FORMAT, MEMORY_LIMIT_PREFIX + memory.size(),
                    uuids.size() + " GPUs are visible but only " + memory.size() + " memory limits are set", null);
        }
        Optional<Integer> sm = Optional.empty();
        var smText = env.get(HamiCoreView.SM_LIMIT);
        if (smText != null) {
            if (!AsciiText.isDecimal(smText, 3) || Integer.parseInt(smText) > 100) {
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
        if (value.length() > MAX_VISIBLE_DEVICES_CHARS) {
            throw new WireFormatException(FORMAT, HamiCoreView.VISIBLE_DEVICES, value.length() + " characters, longer than a list of "
                    + MAX_DEVICES + " GPU UUIDs can be (" + MAX_VISIBLE_DEVICES_CHARS + ")", null);
        }
        var uuids = new LinkedHashSet<String>();
        for (var token : value.split(",", -1)) {
            if (!AsciiText.isToken(token, MAX_UUID_CHARS, "_.-") || token.equals("all") || token.equals("none") || AsciiText.isDigits(token)) {
                throw new WireFormatException(FORMAT, HamiCoreView.VISIBLE_DEVICES, "expected a comma list of GPU UUIDs", value);
            }
            if (!uuids.add(token)) {
                throw new WireFormatException(FORMAT, HamiCoreView.VISIBLE_DEVICES, token + " is listed more than once; HAMi lists each GPU once",
                        value);
            }
        }
        if (uuids.size() > MAX_DEVICES) {
            throw new WireFormatException(FORMAT, HamiCoreView.VISIBLE_DEVICES, "more than " + MAX_DEVICES + " GPUs", value);
        }
        return new ArrayList<>(uuids);
    }

    private static void checkSizes(Map<String, String> env) throws WireFormatException {
        long total = 0;
        for (var e : env.entrySet()) {
            long bytes = utf8Length(e.getKey()) + 1 + utf8Length(e.getValue());
            if (bytes > MAX_VARIABLE_BYTES) {
                throw new WireFormatException(FORMAT, "process.env", WireFormatException.quote(e.getKey()) + " is " + bytes
                        + " bytes as NAME=value, more than the " + MAX_VARIABLE_BYTES + " Linux's exec takes", null);
            }
            total += bytes + 1;
        }
        if (total > MAX_ENV_BYTES) {
            throw new WireFormatException(FORMAT, "process.env", total + " bytes, more than the " + MAX_ENV_BYTES
                    + " Linux's exec takes by default", null);
        }
    }

    /** The UTF-8 length of {@code s} without encoding it (a surrogate pair is four bytes). */
    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private static List<Long> memoryLimits(Map<String, String> env) throws WireFormatException {
        var limits = new ArrayList<Long>();
        for (var key : env.keySet()) {
            if (key.startsWith(MEMORY_LIMIT_PREFIX) && !AsciiText.isDecimal(key.substring(MEMORY_LIMIT_PREFIX.length()), 2)) {
                throw new WireFormatException(FORMAT, key, "unknown memory limit variable (expected indexes 0.." + (MAX_DEVICES - 1) + ")", key);
            }
        }
        for (int i = 0; env.containsKey(MEMORY_LIMIT_PREFIX + i); i++) {
            var name = MEMORY_LIMIT_PREFIX + i;
            if (i >= MAX_DEVICES) {
                throw new WireFormatException(FORMAT, name, "HAMi-core limits at most " + MAX_DEVICES + " devices", null);
            }
            var text = env.get(name);
            var mib = text.endsWith("m") ? text.substring(0, text.length() - 1) : "";
            if (!AsciiText.isDecimal(mib, 10) || Long.parseLong(mib) > Integer.MAX_VALUE) {
                throw new WireFormatException(FORMAT, name, "expected <MiB>m as HAMi writes it", text);
            }
            limits.add(Long.parseLong(mib));
        }
        if (memoryLimitNames(env) != limits.size()) {
            throw new WireFormatException(FORMAT, MEMORY_LIMIT_PREFIX + limits.size(),
                    "memory limits must be numbered 0, 1, 2, … without gaps", null);
        }
        return limits;
    }

    /**
     * How many names of {@code env} start with {@link HamiCoreView#MEMORY_LIMIT_PREFIX}. A loop, not a stream: the runtime shim reads
     * this at every container start, where each class loaded counts (docs/performance.md).
     */
    private static int memoryLimitNames(Map<String, String> env) {
        int n = 0;
        for (var name : env.keySet()) {
            if (name.startsWith(MEMORY_LIMIT_PREFIX)) {
                n++;
            }
        }
        return n;
    }
}
