package io.hami.scheduler.webhook;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.config.VnpuConfig;
import io.hami.model.protocol.MetaxAnnotations;
import io.hami.model.protocol.MetaxAppClass;
import io.hami.model.protocol.MetaxQos;
import io.hami.model.protocol.MthreadsAnnotations;
import io.hami.model.vendor.Vendor;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.request.ContainerRequest;
import io.hami.scheduler.request.RequestException;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.vendor.DeviceType;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The webhook's mutations of the vendors with rules of their own (HAMi's {@code MutateAdmission} per vendor; docs/
 * scheduler.md, "Webhook"). The rule of how a container's resources are read is owned by
 * {@link RequestReader} (its vendor adjustments); the webhook asks it and writes the answer back into the container,
 * so that a vendor's device plugin reading the pod's resources sees what the scheduler counts. Each refusal is one
 * {@link RequestException} naming the container, the resource or annotation, and the value.
 * <ul>
 *   <li>Ascend: the count (910C: 1 becomes 2) and the memory as booked (the template's, the whole card's, or in soft
 *       split the literal amount) in limits and requests; the runtime class; refusals of odd 910C counts, the core
 *       resource outside soft split, memory above the card and templates on several devices;</li>
 *   <li>Iluvatar: several GPUs get {@code count × 100} cores; {@code SOL_CONTINER_NAME} (HAMi's spelling) names the
 *       container unless set;</li>
 *   <li>Moore Threads: a count of at least 1; several GPUs, or one without memory, get whole cards (16 cores and
 *       96 memory units per GPU) and several GPUs the pod annotation {@code mthreads.com/request-gpu-num}; memory must
 *       be one of the sGPU sizes;</li>
 *   <li>MetaX sGPU: an app class must be {@code online} or {@code offline} and then the count 1; a pod that is not
 *       online gets the default QoS policy when it names none, and a named one must be valid;</li>
 *   <li>Kunlunxin vXPU, Enflame DRS, AWS Neuron, AMD: see {@link #schedulerOnly}.</li>
 * </ul>
 */
final class VendorDefaults {

    /** Iluvatar's container-name variable, spelled as HAMi and Iluvatar's runtime spell it. */
    static final String ILUVATAR_CONTAINER_NAME = "SOL_CONTINER_NAME";

    private VendorDefaults() {
    }

    /**
     * Applies the type's mutations to the container.
     *
     * @return whether the container asks for the type (its count resource is in {@code limits})
     */
    static boolean apply(Container c, Pod pod, DeviceType type) throws RequestException {
        if (!asks(c, type)) {
            return false;
        }
        switch (type.kind()) {
            case ASCEND -> ascend(c, pod, type);
            case MTHREADS -> mthreads(c, pod, type);
            case METAX_SGPU -> metaxSgpu(c, pod, type);
            case KUNLUN, ENFLAME_DRS, AWS_NEURON, AMD -> schedulerOnly(c, pod, type);
            default -> {
                if (type.is(Vendor.ILUVATAR)) {
                    iluvatar(c, pod, type);
                }
            }
        }
        return true;
    }

    /**
     * Whether the container asks for the type, as HAMi's {@code MutateAdmission} decides: the count resource in
     * {@code limits} (Moore Threads, Enflame DRS and AWS Neuron also in {@code requests}); Enflame DRS also by its memory
     * or core resource, AWS Neuron by its core resource, AMD by its memory or core resource in {@code limits}.
     */
    private static boolean asks(Container c, DeviceType type) {
        if (ContainerDefaults.countInLimits(c, type)) {
            return true;
        }
        var names = type.descriptor().resources();
        return switch (type.kind()) {
            case MTHREADS -> KubeObjects.resource(c, names.count()).isPresent();
            case ENFLAME_DRS, AWS_NEURON -> KubeObjects.resource(c, names.count()).isPresent()
                    || names.memory().flatMap(n -> KubeObjects.resource(c, n)).isPresent()
                    || names.cores().flatMap(n -> KubeObjects.resource(c, n)).isPresent();
            case AMD -> names.memory().flatMap(n -> KubeObjects.limit(c, n)).isPresent()
                    || names.cores().flatMap(n -> KubeObjects.limit(c, n)).isPresent();
            default -> false;
        };
    }

    /**
     * The six vendors the scheduler serves alone: the reader's refusals (DRS memory and cores, NeuronCore counts, AMD
     * core percentages) become the webhook's; a Kunlunxin vXPU's memory is written back rounded to its size in limits
     * and requests; Enflame DRS resources given in one of limits and requests are copied to the other.
     */
    private static void schedulerOnly(Container c, Pod pod, DeviceType type) throws RequestException {
        Optional<ContainerRequest> r = request(c, pod, type);
        var names = type.descriptor().resources();
        if (r.isEmpty()) {
            return;
        }
        if (type.kind() == DeviceType.Kind.KUNLUN && names.memory().isPresent()
                && KubeObjects.limit(c, names.memory().get()).isPresent()) {
            ContainerDefaults.putLimitAndRequest(c, names.memory().get(), Integer.toString(r.get().memory()));
        }
        if (type.kind() == DeviceType.Kind.ENFLAME_DRS) {
            for (var name : List.of(Optional.of(names.count()), names.memory(), names.cores())) {
                if (name.isPresent()) {
                    Optional<String> value = KubeObjects.resource(c, name.get());
                    if (value.isPresent()) {
                        ContainerDefaults.putLimitAndRequest(c, name.get(), value.get());
                    }
                }
            }
        }
    }

    /**
     * Ascend's {@code overwriteEnv}: a container that asks for no Ascend type gets an empty
     * {@code ASCEND_VISIBLE_DEVICES} when some Ascend type is configured so. (HAMi appends the variable once per
     * configured type that the container does not ask for, so a container asking for one type also gets it from the
     * others; the intent is to hide NPUs from containers that want none.)
     */
    static void hideAscend(Container c, List<DeviceType> types, boolean asksAscend) {
        if (asksAscend) {
            return;
        }
        for (DeviceType t : types) {
            Optional<String> env = t.descriptor().deviceNodes().visibleDevicesEnv();
            if (t.kind() == DeviceType.Kind.ASCEND && env.isPresent()
                    && t.ascend().map(VnpuConfig::overwriteEnv).orElse(false)) {
                ContainerDefaults.setEnv(c, env.get(), "");
                return;
            }
        }
    }

    private static Optional<ContainerRequest> request(Container c, Pod pod, DeviceType type)
            throws RequestException {
        return RequestReader.read(c, type, KubeObjects.annotations(pod));
    }

    private static void ascend(Container c, Pod pod, DeviceType type) throws RequestException {
        Optional<ContainerRequest> read = request(c, pod, type);
        Optional<VnpuConfig> chip = type.ascend();
        if (read.isEmpty() || chip.isEmpty()) {
            return;
        }
        ContainerRequest r = read.get();
        var names = type.descriptor().resources();
        if (!KubeObjects.limit(c, names.count()).orElse("").equals(Integer.toString(r.count()))) {
            ContainerDefaults.putResource(c, names.count(), Integer.toString(r.count()));
        }
        long mib = r.memory() > 0 ? r.memory() : chip.get().memoryAllocatable();
        if (names.memory().isPresent()) {
            ContainerDefaults.putLimitAndRequest(c, names.memory().get(),
                    Long.toString(mib / chip.get().memoryFactor()));
        }
        String runtimeClass = chip.get().runtimeClassName();
        if (pod.getSpec().getRuntimeClassName() == null && !runtimeClass.isEmpty()) {
            pod.getSpec().setRuntimeClassName(runtimeClass);
        }
    }

    private static void iluvatar(Container c, Pod pod, DeviceType type) throws RequestException {
        Optional<ContainerRequest> r = request(c, pod, type);
        var cores = type.descriptor().resources().cores();
        if (r.isPresent() && r.get().count() > 1 && cores.isPresent()) {
            ContainerDefaults.putResource(c, cores.get(), Integer.toString(r.get().cores()));
        }
        String name = KubeObjects.name(c);
        if (!name.isEmpty() && !ContainerDefaults.hasEnv(c, ILUVATAR_CONTAINER_NAME)) {
            ContainerDefaults.setEnv(c, ILUVATAR_CONTAINER_NAME, name);
        }
    }

    private static void mthreads(Container c, Pod pod, DeviceType type) throws RequestException {
        var names = type.descriptor().resources();
        Optional<ContainerRequest> read = request(c, pod, type);
        if (read.isEmpty()) {
            throw new RequestException("container " + quote(KubeObjects.name(c)) + ": " + names.count()
                    + " must be greater than 0");
        }
        ContainerRequest r = read.get();
        boolean memoryGiven = names.memory().flatMap(m -> KubeObjects.resource(c, m)).isPresent();
        if (r.count() == 1 && memoryGiven) {
            return;
        }
        int unit = type.descriptor().memoryUnit().mib();
        names.cores().ifPresent(n -> ContainerDefaults.putResource(c, n, Integer.toString(r.cores() * r.count())));
        names.memory().ifPresent(n -> ContainerDefaults.putResource(c, n,
                Integer.toString(r.memory() / unit * r.count())));
        if (r.count() > 1) {
            annotate(pod, MthreadsAnnotations.REQUEST_GPU_NUM, Integer.toString(r.count()));
        }
    }

    private static void metaxSgpu(Container c, Pod pod, DeviceType type) throws RequestException {
        var annotations = KubeObjects.annotations(pod);
        String appClass = annotations.get(MetaxAnnotations.APP_CLASS);
        if (appClass != null) {
            if (MetaxAppClass.of(appClass).isEmpty()) {
                throw new RequestException("annotation " + MetaxAnnotations.APP_CLASS + ": must be "
                        + MetaxAppClass.ONLINE + " or " + MetaxAppClass.OFFLINE + ": " + quote(appClass));
            }
            int count = request(c, pod, type).map(ContainerRequest::count).orElse(0);
            if (count != 1) {
                throw new RequestException("container " + quote(KubeObjects.name(c)) + ": "
                        + type.descriptor().resources().count() + ": a pod with " + MetaxAnnotations.APP_CLASS
                        + " must ask for exactly 1 sGPU: " + count);
            }
        }
        if (MetaxAppClass.ONLINE.wire().equals(appClass)) {
            return;
        }
        String qos = annotations.get(MetaxAnnotations.QOS_POLICY);
        if (qos == null) {
            annotate(pod, MetaxAnnotations.QOS_POLICY, MetaxQos.DEFAULT.wire());
        } else if (MetaxQos.of(qos).isEmpty()) {
            throw new RequestException("annotation " + MetaxAnnotations.QOS_POLICY + ": must be one of "
                    + MetaxQos.allowed() + ": " + quote(qos));
        }
    }

    private static void annotate(Pod pod, String key, String value) {
        var annotations = new HashMap<>(KubeObjects.annotations(pod));
        annotations.put(key, value);
        pod.getMetadata().setAnnotations(annotations);
    }

    private static String quote(String text) {
        return io.hami.model.wire.WireFormatException.quote(text);
    }
}
