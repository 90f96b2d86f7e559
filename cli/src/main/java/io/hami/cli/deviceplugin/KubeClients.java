package io.hami.cli.deviceplugin;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import io.hami.cli.UserInputException;
import io.hami.cli.kube.ApiRateLimit;
import io.hami.cli.kube.RateLimitInterceptor;
import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.kube.LeanNode;
import io.hami.model.kube.LeanPod;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daemons' API client: from a kubeconfig file when given, else from the one file {@code KUBECONFIG} names, else
 * the usual search (in-cluster service account, {@code ~/.kube/config}). Such a kubeconfig is read through
 * {@link UntrustedFiles} and parsed from its text, so certificate files it names should be absolute paths (a relative
 * one is taken from the working directory).
 */
public final class KubeClients {

    /**
     * Which types a client's watches and untyped reads map pods and nodes to: the kinds its mapping registers (see
     * {@link #serialization(Class, Class)}). Each is one JSON mapping that every client of this process reading that
     * way shares: fabric8 otherwise gives each client its own Jackson caches, which two daemons in one JVM
     * ({@code hami node-agent}, {@code hami node}) would hold twice. A mapping keeps no per-client state and is built
     * on first use, so a process that reads one way never builds the other.
     */
    public enum Reads {
        /** fabric8's model ({@code Pod}, {@code Node}): the scheduler and the one-shot commands. */
        MODEL,
        /**
         * The node daemons' own ({@link LeanPod}, {@link LeanNode}): the device plugin and the monitor read their pods
         * and node only through these (docs/performance.md, "device plugin idle RSS"). A client reading this way must
         * not watch fabric8's {@code Pod} or {@code Node}: its events would be converted from these, which hold only
         * the daemons' fields. {@code hami node}, whose kubelet stand-in watches fabric8's pods, reads the model way
         * (the plugin's informers then convert each event to these).
         */
        LEAN;

        KubernetesSerialization serialization() {
            return this == MODEL ? ModelMapping.SERIALIZATION : LeanMapping.SERIALIZATION;
        }
    }

    private static final class ModelMapping {
        static final KubernetesSerialization SERIALIZATION = serialization(Pod.class, Node.class);
    }

    private static final class LeanMapping {
        static final KubernetesSerialization SERIALIZATION = serialization(LeanPod.class, LeanNode.class);
    }

    private KubeClients() {
    }

    /**
     * fabric8's JSON mapping (the same Jackson settings as its default) without its index of every resource kind on
     * the class path. That index serves only documents that name their own kind where the Java type does not (a watch
     * event's object, an admission review's object, a kubeconfig's extensions); fabric8 builds it by loading and
     * instantiating every model class that every {@code kubernetes-model-*} jar lists, about 1,100 classes of API
     * groups no hami command reads (docs/performance.md, "device plugin idle RSS"). Typed reads
     * ({@code client.pods()}, {@code convertValue(x, Pod.class)}) never consult it; a document of a kind not
     * registered here reads as a {@code GenericKubernetesResource}, which fabric8's watches convert to the watched
     * type. Registered: the types the commands watch pods and nodes as, so that their events need no conversion.
     */
    static KubernetesSerialization serialization(Class<? extends HasMetadata> pod, Class<? extends HasMetadata> node) {
        var mapper = JsonMapper.builderWithJackson2Defaults().addModule(new Jackson2JdkTypesModule()).build();
        var serialization = new KubernetesSerialization(mapper, false);
        serialization.registerKubernetesResource(pod);
        serialization.registerKubernetesResource(node);
        return serialization;
    }

    /**
     * {@link Config#fromKubeconfig(String)} with the kubeconfig read through the mapping of {@code reads}: fabric8
     * reads it through its process-wide default mapping, whose first use builds the index of kinds that
     * {@link #serialization(Class, Class)} leaves out.
     */
    static Config fromKubeconfig(String text, Reads reads) {
        var config = Config.empty();
        KubeConfigUtils.merge(config, null, reads.serialization().unmarshal(text, io.fabric8.kubernetes.api.model.Config.class));
        return config;
    }

    private static Optional<Path> singleFile(String kubeconfigVariable) {
        if (kubeconfigVariable == null || kubeconfigVariable.isBlank() || kubeconfigVariable.contains(File.pathSeparator)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(kubeconfigVariable));
    }

    /**
     * A client without a client-side rate limit, for the one-shot commands.
     *
     * @param requestTimeout bounds every API call, so that no daemon waits on a slow API server without end
     */
    public static KubernetesClient create(Optional<Path> kubeconfig, Duration requestTimeout) throws UserInputException {
        return create(kubeconfig, requestTimeout, ApiRateLimit.UNLIMITED, Reads.MODEL);
    }

    /**
     * A daemon's client.
     *
     * @param requestTimeout bounds every API call, so that no daemon waits on a slow API server without end; zero
     *                       leaves fabric8's own
     * @param limit          how fast it may send requests ({@code --kube-qps}, {@code --kube-burst})
     * @param reads          the types its watches map pods and nodes to
     */
    public static KubernetesClient create(Optional<Path> kubeconfig, Duration requestTimeout, ApiRateLimit limit, Reads reads)
            throws UserInputException {
        return create(kubeconfig, System.getenv(), requestTimeout, limit, reads);
    }

    /**
     * {@link #create(Optional, Duration, ApiRateLimit, Reads)} with the environment given: without a kubeconfig, one file
     * named by {@code KUBECONFIG} is read as a given one, so that fabric8's own search does not read it through its
     * process-wide default mapping (see {@link #fromKubeconfig(String)}). A list of files stays with fabric8's search,
     * which merges them.
     */
    static KubernetesClient create(Optional<Path> kubeconfig, Map<String, String> env, Duration requestTimeout,
                                   ApiRateLimit limit, Reads reads) throws UserInputException {
        Config base;
        var named = kubeconfig.or(() -> singleFile(env.get("KUBECONFIG")));
        if (named.isPresent()) {
            var file = named.get();
            String text;
            try {
                text = UntrustedFiles.readText(file, UntrustedFiles.MAX_KUBECONFIG_BYTES);
            } catch (UntrustedInputException e) {
                throw new UserInputException("hami: kubeconfig " + e.getMessage());
            }
            try {
                base = fromKubeconfig(text, reads);
            } catch (RuntimeException e) {
                throw new UserInputException("hami: cannot use kubeconfig " + file + ": " + e.getMessage());
            }
        } else {
            base = Config.autoConfigure(null);
        }
        var config = new ConfigBuilder(base);
        if (!requestTimeout.isZero()) {
            config.withRequestTimeout((int) Math.min(requestTimeout.toMillis(), Integer.MAX_VALUE))
                    .withConnectionTimeout((int) Math.min(requestTimeout.toMillis(), 10_000));
        }
        var builder = new KubernetesClientBuilder().withConfig(config.build()).withKubernetesSerialization(reads.serialization());
        if (limit.limited()) {
            RateLimitInterceptor.of(limit).installIn(builder);
        }
        return builder.build();
    }
}
