package io.hami.scheduler.request;

import io.fabric8.kubernetes.api.model.Container;
import io.hami.model.config.VnpuConfig;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.quantity.Quantity;
import io.hami.model.vendor.Vendor;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor adjustments of a container request, after the shared steps of {@link RequestReader}. They read a pod the
 * way HAMi v2.10 reads it after its webhook has run, so the scheduler counts the same whether or not the webhook saw
 * the pod, and the webhook writes these values back into the container ({@code webhook.VendorDefaults}) so that a
 * device plugin reading the container's resources sees what was counted (docs/scheduler.md, "Webhook"):
 * <ul>
 *   <li>Moore Threads: memory in {@code {2, 4, 8, 16, 32, 64, 96}} units per GPU; a single GPU without memory is a
 *       whole card (16 cores, 96 units), several GPUs are whole cards whatever the container says; memory and cores
 *       are then booked per device ({@code / count}) (HAMi: {@code MutateAdmission} and
 *       {@code GenerateResourceRequests} in {@code pkg/device/mthreads/device.go});</li>
 *   <li>Iluvatar: several GPUs are whole cards, {@code count × 100} cores (HAMi: {@code MutateAdmission} in
 *       {@code pkg/device/iluvatar/device.go});</li>
 *   <li>Ascend hard split: memory is rounded up to the smallest vNPU template that holds it, or to the whole card
 *       ({@code memoryAllocatable}) up to {@code memoryCapacity}; no memory books the whole card in either split;
 *       several devices must be whole cards; the core
 *       resource is only legal in soft split ({@code huawei.com/vnpu-mode: hami-core}), where memory is literal;
 *       910C (two-die modules) takes a count of 1 as 2 and refuses other odd counts (HAMi: {@code MutateAdmission} in
 *       {@code pkg/device/ascend/device.go});</li>
 *   <li>MetaX sGPU: a plain memory number counts GiB, one with a unit suffix counts bytes;</li>
 *   <li>the six vendors the scheduler serves alone: see {@link SchedulerOnlyRequests}.</li>
 * </ul>
 */
final class VendorRequests {

    /** The memory a Moore Threads container may ask per GPU, in the resource's 512 MiB units. */
    static final List<Integer> MTHREADS_MEMORY_STEPS = List.of(2, 4, 8, 16, 32, 64, 96);
    /** A whole Moore Threads card in the resource's 512 MiB units. */
    static final int MTHREADS_CARD_MEMORY = 96;
    /** The cores Iluvatar counts per whole card (percent). */
    static final int ILUVATAR_CARD_CORES = 100;

    private VendorRequests() {
    }

    static ContainerRequest adjust(String container, ContainerRequest r, Container c, Map<String, String> podAnnotations)
            throws RequestException {
        return switch (r.type().kind()) {
            case MTHREADS -> mthreads(container, r, c);
            case ASCEND -> ascend(container, r, c, AscendAnnotations.softSplit(podAnnotations));
            case KUNLUN, ENFLAME_DRS, AWS_NEURON, AMD, VASTAI, BIREN -> SchedulerOnlyRequests.adjust(container, r, c);
            default -> r.type().is(Vendor.ILUVATAR) && r.count() > 1
                    ? new ContainerRequest(r.type(), r.count(), r.memory(), r.memoryPercent(),
                            r.count() * ILUVATAR_CARD_CORES)
                    : r;
        };
    }

    /** A container that names no count of the type: empty, except where a vendor asks by other resources. */
    static Optional<ContainerRequest> withoutCount(String container, Container c, DeviceType type) throws RequestException {
        return switch (type.kind()) {
            case ENFLAME_DRS, AWS_NEURON -> SchedulerOnlyRequests.withoutCount(container, c, type);
            default -> Optional.empty();
        };
    }

    private static ContainerRequest mthreads(String container, ContainerRequest r, Container c)
            throws RequestException {
        DeviceType type = r.type();
        int unit = type.descriptor().memoryUnit().mib();
        int cardCores = type.descriptor().coresPerDevice();
        boolean memoryGiven = type.descriptor().resources().memory()
                .flatMap(name -> KubeObjects.resource(c, name)).isPresent();
        if (r.count() > 1 || !memoryGiven) {
            return new ContainerRequest(type, r.count(), MTHREADS_CARD_MEMORY * unit, ContainerRequest.NO_PERCENT,
                    cardCores);
        }
        if (r.memory() % unit != 0 || !MTHREADS_MEMORY_STEPS.contains(r.memory() / unit)) {
            throw new RequestException("container " + RequestReader.quote(container) + ": "
                    + type.descriptor().resources().memory().orElseThrow() + ": " + (r.memory() / unit)
                    + " is not a Moore Threads sGPU size; valid sizes are " + MTHREADS_MEMORY_STEPS);
        }
        return r;
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
            return r.memory() == 0 ? wholeCard(type, count, r.cores())
                    : new ContainerRequest(type, count, r.memory(), r.memoryPercent(), r.cores());
        }
        var coreName = type.descriptor().resources().cores();
        if (coreName.isPresent() && KubeObjects.resource(c, coreName.get()).isPresent()) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + coreName.get()
                    + " needs the pod annotation " + AscendAnnotations.VNPU_MODE + ": "
                    + AscendAnnotations.VNPU_MODE_HAMI_CORE);
        }
        if (r.memory() == 0) {
            return wholeCard(type, count, 0);
        }
        if (type.ascend().isEmpty()) {
            return new ContainerRequest(type, count, r.memory(), r.memoryPercent(), 0);
        }
        VnpuConfig chip = type.ascend().get();
        long trimmed = chip.trimmedMemory(r.memory());
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

    /**
     * An Ascend request without memory books the chip's {@code memoryAllocatable}, the amount HAMi's webhook writes
     * into such a container; without a {@code vnpus} entry, the whole device.
     */
    private static ContainerRequest wholeCard(DeviceType type, int count, int cores) {
        long card = type.ascend().map(VnpuConfig::memoryAllocatable).orElse(0L);
        return card > 0 && card <= Integer.MAX_VALUE
                ? new ContainerRequest(type, count, (int) card, ContainerRequest.NO_PERCENT, cores)
                : new ContainerRequest(type, count, 0, 100, cores);
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
