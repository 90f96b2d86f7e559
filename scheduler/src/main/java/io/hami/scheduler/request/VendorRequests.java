package io.hami.scheduler.request;

import io.fabric8.kubernetes.api.model.Container;
import io.hami.model.config.VnpuConfig;
import io.hami.model.quantity.Quantity;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.vendor.DeviceType;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The vendor adjustments of a container request, after the shared steps of {@link RequestReader}:
 * <ul>
 *   <li>Moore Threads: memory and cores are per pod container, HAMi books them per device ({@code / count});</li>
 *   <li>Ascend hard split: memory is rounded up to the smallest vNPU template that holds it, or to the whole card
 *       ({@code memoryAllocatable}) up to {@code memoryCapacity}; several devices must be whole cards; the core
 *       resource is only legal in soft split ({@code huawei.com/vnpu-mode: hami-core}), where memory is literal;
 *       910C (two-die modules) takes a count of 1 as 2 and refuses other odd counts;</li>
 *   <li>MetaX sGPU: a plain memory number counts GiB, one with a unit suffix counts bytes.</li>
 * </ul>
 */
final class VendorRequests {

    /** Pod annotation choosing Ascend's HAMi-core soft split. */
    static final String VNPU_MODE = "huawei.com/vnpu-mode";
    static final String VNPU_MODE_HAMI_CORE = "hami-core";

    private VendorRequests() {
    }

    static ContainerRequest adjust(String container, ContainerRequest r, Container c, Map<String, String> podAnnotations)
            throws RequestException {
        return switch (r.type().kind()) {
            case MTHREADS -> new ContainerRequest(r.type(), r.count(), r.memory() / r.count(), r.memoryPercent(),
                    r.cores() / r.count());
            case ASCEND -> ascend(container, r, c, VNPU_MODE_HAMI_CORE.equals(podAnnotations.get(VNPU_MODE)));
            default -> r;
        };
    }

    private static ContainerRequest ascend(String container, ContainerRequest r, Container c, boolean soft)
            throws RequestException {
        DeviceType type = r.type();
        int count = r.count();
        boolean superPod = type.ascend().map(VnpuConfig::superPod).orElse(false);
        if (superPod && count % 2 != 0) {
            if (count != 1) {
                throw new RequestException("container " + RequestReader.quote(container) + ": "
                        + type.descriptor().resources().count() + ": a " + type.commonWord()
                        + " request must be 1 or an even number of dies: " + count);
            }
            count = 2;
        }
        if (soft) {
            return new ContainerRequest(type, count, r.memory(), r.memoryPercent(), r.cores());
        }
        var coreName = type.descriptor().resources().cores();
        if (coreName.isPresent() && io.hami.scheduler.kube.KubeObjects.resource(c, coreName.get()).isPresent()) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + coreName.get()
                    + " needs the pod annotation " + VNPU_MODE + ": " + VNPU_MODE_HAMI_CORE);
        }
        if (r.memory() == 0 || type.ascend().isEmpty()) {
            return new ContainerRequest(type, count, r.memory(), r.memoryPercent(), 0);
        }
        VnpuConfig chip = type.ascend().get();
        long trimmed = trim(chip, r.memory());
        if (trimmed <= 0 || trimmed > Integer.MAX_VALUE) {
            throw new RequestException("container " + RequestReader.quote(container) + ": "
                    + type.descriptor().resources().memory().orElse("memory") + ": " + r.memory()
                    + " MiB is more than a " + type.commonWord() + " card holds (" + chip.memoryCapacity() + " MiB)");
        }
        if (count > 1 && trimmed != chip.memoryAllocatable()) {
            throw new RequestException("container " + RequestReader.quote(container) + ": vNPU templates are not "
                    + "supported for several devices: ask whole cards (no memory, or " + chip.memoryAllocatable()
                    + " MiB)");
        }
        return new ContainerRequest(type, count, (int) trimmed, ContainerRequest.NO_PERCENT, 0);
    }

    /** HAMi's {@code trimMemory}: the smallest template at least as large, else the whole card, else 0. */
    static long trim(VnpuConfig chip, long memory) {
        long best = Long.MAX_VALUE;
        for (VnpuConfig.Template t : chip.templates()) {
            if (memory <= t.memory() && t.memory() < best) {
                best = t.memory();
            }
        }
        if (best != Long.MAX_VALUE) {
            return best;
        }
        return memory <= chip.memoryCapacity() ? chip.memoryAllocatable() : 0;
    }

    /** MetaX sGPU memory: a plain number is GiB; a number with a unit is bytes, read as whole MiB. */
    static int metaxMemory(String container, String resource, String text) throws RequestException {
        try {
            Quantity q = Quantity.parse(resource, text);
            var exact = q.asExactLong();
            if (exact.isEmpty() || exact.getAsLong() < 0) {
                throw new RequestException("container " + RequestReader.quote(container) + ": " + resource
                        + ": not a whole, non-negative amount: " + RequestReader.quote(text));
            }
            boolean hasUnit = text.chars().anyMatch(Character::isLetter);
            BigDecimal mib = hasUnit
                    ? BigDecimal.valueOf(exact.getAsLong()).divideToIntegralValue(BigDecimal.valueOf(1L << 20))
                    : BigDecimal.valueOf(exact.getAsLong()).multiply(BigDecimal.valueOf(1024));
            if (mib.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new RequestException("container " + RequestReader.quote(container) + ": " + resource
                        + ": more than 2147483647 MiB: " + RequestReader.quote(text));
            }
            return mib.intValueExact();
        } catch (WireFormatException e) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + e.getMessage(), e);
        }
    }
}
