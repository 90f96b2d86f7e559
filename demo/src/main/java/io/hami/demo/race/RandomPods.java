package io.hami.demo.race;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.protocol.NvidiaAnnotations;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Pods with random requests, reproducible from a seed, each for one device type drawn from those given, under the
 * type's resource names (HAMi's defaults). NVIDIA: 1 GPU mostly, sometimes 2 or 4; memory from 256 MiB to 8 GiB, 5 to
 * 25 % of the GPU, or not given (the whole GPU, one pod in twenty); cores from 0 to 30 %, or 100 (exclusive) for one
 * pod in twenty. The other vendors: one device mostly, two now and then where the type shares devices, memory and
 * cores in the type's units up to half of a device, one pod in twenty the whole device. {@link #NVIDIA_MIG}: NVIDIA
 * pods that admit only GPUs in MIG mode, one GPU mostly (one in five two), each for memory that one of an
 * A100-SXM4-40GB's profiles holds (4000, 9000, 18000 or 38000 MiB, the smaller more often). Small enough that a few
 * hundred fit on a handful of nodes, so placements, retries and deletions interleave.
 */
public final class RandomPods {

    /** NVIDIA's type alone: the race of {@code hami demo race}. */
    public static final List<String> NVIDIA_ONLY = List.of("nvidia");

    /** Not a catalog id: NVIDIA pods that admit only GPUs in MIG mode ({@code nvidia.com/vgpu-mode: mig}). */
    public static final String NVIDIA_MIG = "nvidia-mig";

    /** Memory a MIG pod asks per GPU, each held by one A100-SXM4-40GB profile, drawn by the weights below. */
    private static final List<Integer> MIG_MIB = List.of(4000, 4000, 4000, 4000, 4000, 9000, 9000, 9000, 18000, 38000);

    /** Memory sizes of a Moore Threads sGPU a race pod asks for: 1 to 16 GiB. */
    private static final List<Long> MTHREADS_SGPU_MIB = List.of(1024L, 2048L, 4096L, 8192L, 16384L);

    private final Random random;
    private final List<String> ids;
    private final List<VendorDescriptor> types;

    /** NVIDIA pods. */
    public RandomPods(long seed) {
        this(seed, NVIDIA_ONLY);
    }

    /**
     * Pods of the device types {@code typeIds} (ids of the default catalog), drawn evenly.
     *
     * @throws IllegalArgumentException naming an id the catalog does not have
     */
    public RandomPods(long seed, List<String> typeIds) {
        this.random = new Random(seed);
        var catalog = Vendors.defaults();
        this.ids = List.copyOf(typeIds);
        this.types = typeIds.stream().map(id -> catalog.byId(id.equals(NVIDIA_MIG) ? "nvidia" : id).orElseThrow(
                () -> new IllegalArgumentException("no device type " + id + " (the catalog has " + catalog.ids() + ")")))
                .toList();
        if (types.isEmpty()) {
            throw new IllegalArgumentException("random pods need at least one device type");
        }
    }

    /** The next pod, named {@code name}. */
    public Pod next(String name) {
        // one type draws nothing: NVIDIA's race keeps the sequence of requests it always had for a seed
        int drawn = types.size() == 1 ? 0 : random.nextInt(types.size());
        if (ids.get(drawn).equals(NVIDIA_MIG)) {
            var pod = pod(name, mig());
            pod.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(NvidiaAnnotations.VGPU_MODE, "mig")));
            return pod;
        }
        var type = types.get(drawn);
        return pod(name, type.id().equals("nvidia") ? nvidia() : other(type));
    }

    private Map<String, Quantity> mig() {
        var limits = new LinkedHashMap<String, Quantity>();
        limits.put("nvidia.com/gpu", new Quantity(random.nextInt(5) == 0 ? "2" : "1"));
        limits.put("nvidia.com/gpumem", new Quantity(Integer.toString(MIG_MIB.get(random.nextInt(MIG_MIB.size())))));
        return limits;
    }

    private Map<String, Quantity> nvidia() {
        var limits = new LinkedHashMap<String, Quantity>();
        int roll = random.nextInt(20);
        int count = roll < 15 ? 1 : roll < 19 ? 2 : 4;
        limits.put("nvidia.com/gpu", new Quantity(Integer.toString(count)));
        int memory = random.nextInt(20);
        if (memory < 13) {
            limits.put("nvidia.com/gpumem", new Quantity(Integer.toString(256 * (1 + random.nextInt(32)))));
        } else if (memory < 19) {
            limits.put("nvidia.com/gpumem-percentage", new Quantity(Integer.toString(5 + random.nextInt(5) * 5)));
        }
        if (random.nextInt(20) == 0) {
            limits.put("nvidia.com/gpucores", new Quantity("100"));
        } else {
            limits.put("nvidia.com/gpucores", new Quantity(Integer.toString(random.nextInt(7) * 5)));
        }
        return limits;
    }

    /**
     * Another vendor's request: the count, then, unless the pod takes whole devices, memory of 1/16 to 1/2 of a 32 GiB
     * device and cores of 1/10 to 1/2 of a device, each in the type's unit, within the vendor's rules: an Ascend pod
     * names no cores and asks one chip for a template's memory; a Moore Threads pod asks for one of its sGPU sizes.
     */
    private Map<String, Quantity> other(VendorDescriptor type) {
        var limits = new LinkedHashMap<String, Quantity>();
        var names = type.resources();
        boolean shares = names.memory().isPresent();
        int count = shares && random.nextInt(10) == 0 ? 2 : 1;
        limits.put(names.count(), new Quantity(Integer.toString(count)));
        if (!shares || random.nextInt(20) == 0 || count > 1 && type.vendor() == Vendor.ASCEND) {
            return limits; // whole devices
        }
        long memoryMiB = 32L * 1024 / 16 * (1 + random.nextInt(8));
        if (type.vendor() == Vendor.MTHREADS) {
            memoryMiB = MTHREADS_SGPU_MIB.get(random.nextInt(MTHREADS_SGPU_MIB.size()));
        }
        limits.put(names.memory().get(), new Quantity(Long.toString(Math.max(1, memoryMiB / type.memoryUnit().mib()))));
        if (type.vendor() != Vendor.ASCEND) {
            names.cores().ifPresent(cores -> limits.put(cores, new Quantity(Integer.toString(
                    Math.max(1, type.coresPerDevice() * (1 + random.nextInt(5)) / 10)))));
        }
        return limits;
    }

    /** Whether to do something with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A uniform index below {@code bound}. */
    public int index(int bound) {
        return random.nextInt(bound);
    }

    static Pod pod(String name, Map<String, Quantity> limits) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "race").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox")
                .withCommand("sleep", "infinity").withNewResources().withLimits(limits).endResources().endContainer()
                .endSpec().build();
    }
}
