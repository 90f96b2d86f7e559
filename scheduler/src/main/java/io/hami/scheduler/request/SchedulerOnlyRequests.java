package io.hami.scheduler.request;

import io.fabric8.kubernetes.api.model.Container;
import io.hami.model.quantity.Quantity;
import io.hami.model.quantity.VendorQuantities;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import java.util.List;
import java.util.Optional;

/**
 * How HAMi v2.10 reads a container of the six vendors the scheduler serves alone ({@code GenerateResourceRequests} and
 * {@code MutateAdmission} in {@code pkg/device/<vendor>/}; docs/vendors.md, "The vendors the scheduler serves"):
 * <ul>
 *   <li>Kunlunxin vXPU: memory is rounded up to a quarter (24576 MiB), a half (49152 MiB) or a whole P800
 *       (98304 MiB), no memory is the whole card; the cores booked are the memory's share of the card, in percent.
 *       Whole XPUs book the whole card.</li>
 *   <li>Enflame DRS: the count resource names the partition's slices (one partition a container); without it, the
 *       memory and core resources name the smallest profile that holds them. Either is resolved against the node's
 *       profiles at fit. Here the request carries HAMi's encoding: {@code memoryPercent} 0 and {@code memory} = slices
 *       for the first, {@code memoryPercent} {@link ContainerRequest#NO_PERCENT} and the raw memory and cores for the
 *       second. Memory must be above 0, cores within 1..100.</li>
 *   <li>AWS Neuron: a count of devices books every NeuronCore of each ({@value #NEURON_CORES_PER_DEVICE}); without it,
 *       a count of NeuronCores: 1 or 2 is part of one device, more must fill devices of
 *       {@value #NEURON_CORES_PER_DEVICE}.</li>
 *   <li>AMD: cores are a percentage of each GPU's compute units, 1..100, all of them when not given; no memory books
 *       the whole GPU.</li>
 *   <li>Vastai, Biren: a slot of each device, no memory and no cores.</li>
 * </ul>
 */
final class SchedulerOnlyRequests {

    /** A Kunlunxin P800's memory, MiB. */
    static final int KUNLUN_CARD_MIB = 98304;
    /** The vXPU sizes below a whole P800, MiB. */
    static final List<Integer> KUNLUN_VXPU_MIB = List.of(24576, 49152);
    /** The most NeuronCores HAMi gives one device (its mask has two bits). */
    static final int NEURON_CORES_PER_DEVICE = 2;

    private SchedulerOnlyRequests() {
    }

    static ContainerRequest adjust(String container, ContainerRequest r, Container c) throws RequestException {
        DeviceType type = r.type();
        return switch (type.kind()) {
            case KUNLUN -> type.descriptor().sharesMemory() ? kunlunVxpu(r) : r;
            case ENFLAME_DRS -> new ContainerRequest(type, 1, r.count(), 0, 0);
            case AWS_NEURON -> new ContainerRequest(type, r.count(), 0, ContainerRequest.NO_PERCENT,
                    NEURON_CORES_PER_DEVICE);
            case AMD -> amd(container, r, c);
            default -> new ContainerRequest(type, r.count(), 0, ContainerRequest.NO_PERCENT, 0);
        };
    }

    /** The rounded vXPU size of a memory request, MiB. */
    static int kunlunVxpuMemory(int mib) {
        for (int size : KUNLUN_VXPU_MIB) {
            if (mib <= size) {
                return size;
            }
        }
        return KUNLUN_CARD_MIB;
    }

    private static ContainerRequest kunlunVxpu(ContainerRequest r) {
        int mem = r.memory() == 0 ? KUNLUN_CARD_MIB : kunlunVxpuMemory(r.memory());
        return new ContainerRequest(r.type(), r.count(), mem, ContainerRequest.NO_PERCENT,
                (int) ((long) mem * 100 / KUNLUN_CARD_MIB));
    }

    private static ContainerRequest amd(String container, ContainerRequest r, Container c) throws RequestException {
        var cores = r.type().descriptor().resources().cores();
        if (cores.isPresent() && KubeObjects.resource(c, cores.get()).isPresent() && (r.cores() < 1 || r.cores() > 100)) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + cores.get()
                    + " must be an integer percentage between 1 and 100: " + r.cores());
        }
        return r;
    }

    static Optional<ContainerRequest> withoutCount(String container, Container c, DeviceType type)
            throws RequestException {
        var names = type.descriptor().resources();
        Optional<Integer> cores = value(container, c, names.cores());
        if (type.kind() == DeviceType.Kind.AWS_NEURON) {
            return cores.isEmpty() ? Optional.empty() : Optional.of(neuronCores(container, type, cores.get()));
        }
        Optional<Integer> memory = value(container, c, names.memory());
        if (memory.isEmpty() && cores.isEmpty()) {
            return Optional.empty();
        }
        if (memory.isPresent() && memory.get() <= 0) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + names.memory().orElseThrow()
                    + " must be greater than 0");
        }
        if (cores.isPresent() && (cores.get() <= 0 || cores.get() > 100)) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + names.cores().orElseThrow()
                    + " must be in range (0,100]: " + cores.get());
        }
        return Optional.of(new ContainerRequest(type, 1, memory.orElse(0), ContainerRequest.NO_PERCENT, cores.orElse(0)));
    }

    private static ContainerRequest neuronCores(String container, DeviceType type, int cores) throws RequestException {
        String name = type.descriptor().resources().cores().orElseThrow();
        if (cores <= 0) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + name
                    + " must be greater than 0");
        }
        if (cores <= NEURON_CORES_PER_DEVICE) {
            return new ContainerRequest(type, 1, 0, ContainerRequest.NO_PERCENT, cores);
        }
        if (cores % NEURON_CORES_PER_DEVICE != 0) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + name + " must be 1 or a "
                    + "multiple of " + NEURON_CORES_PER_DEVICE + ", got " + cores);
        }
        return new ContainerRequest(type, cores / NEURON_CORES_PER_DEVICE, 0, ContainerRequest.NO_PERCENT,
                NEURON_CORES_PER_DEVICE);
    }

    private static Optional<Integer> value(String container, Container c, Optional<String> name)
            throws RequestException {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> text = KubeObjects.resource(c, name.get());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(VendorQuantities.count(name.get(), Quantity.parse(name.get(), text.get())));
        } catch (WireFormatException e) {
            throw new RequestException("container " + RequestReader.quote(container) + ": " + e.getMessage(), e);
        }
    }
}
