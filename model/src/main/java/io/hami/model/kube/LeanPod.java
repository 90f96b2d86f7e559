package io.hami.model.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A core/v1 Pod as the node daemons read it: metadata (fabric8's {@link ObjectMeta}), the node it is bound to, its
 * containers (name, resource limits and requests, literal environment values) and its phase. Every other field of
 * the API object is skipped when read. Jackson's reading of fabric8's own {@code Pod} builds deserializers for about
 * 200 model classes and loads their builders; this one's take eight. Lists read absent are empty, as in fabric8's
 * model. Use it through {@code client.resources(LeanPod.class)}.
 */
@Group("")
@Version("v1")
@Kind("Pod")
@Plural("pods")
@Singular("pod")
@JsonIgnoreProperties(ignoreUnknown = true)
// fabric8's KubernetesResource names a deserializer that picks the class by kind; this class is read as itself.
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class LeanPod extends LeanObject implements Namespaced {

    private Spec spec;
    private Status status;

    public LeanPod() {
        super("Pod", null);
    }

    /** A pod of {@code metadata} alone, e.g. the body of a metadata patch. */
    public LeanPod(ObjectMeta metadata) {
        super("Pod", metadata);
    }

    /** {@code spec}; null when absent. */
    public Spec getSpec() {
        return spec;
    }

    public void setSpec(Spec spec) {
        this.spec = spec;
    }

    /** {@code status}; null when absent. */
    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    /** {@code spec}: the node and the containers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Spec {
        private String nodeName;
        private List<Container> containers = new ArrayList<>();
        private List<Container> initContainers = new ArrayList<>();

        public String getNodeName() {
            return nodeName;
        }

        public void setNodeName(String nodeName) {
            this.nodeName = nodeName;
        }

        public List<Container> getContainers() {
            return containers;
        }

        public void setContainers(List<Container> containers) {
            this.containers = containers == null ? new ArrayList<>() : containers;
        }

        public List<Container> getInitContainers() {
            return initContainers;
        }

        public void setInitContainers(List<Container> initContainers) {
            this.initContainers = initContainers == null ? new ArrayList<>() : initContainers;
        }
    }

    /** One of {@code spec.containers} or {@code spec.initContainers}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Container {
        private String name;
        private Resources resources;
        private List<EnvVar> env = new ArrayList<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        /** {@code resources}; null when absent. */
        public Resources getResources() {
            return resources;
        }

        public void setResources(Resources resources) {
            this.resources = resources;
        }

        public List<EnvVar> getEnv() {
            return env;
        }

        public void setEnv(List<EnvVar> env) {
            this.env = env == null ? new ArrayList<>() : env;
        }
    }

    /** A container's {@code resources}: amounts as the API writes them (quantities, e.g. {@code 2Gi}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Resources {
        private Map<String, String> limits;
        private Map<String, String> requests;

        /** {@code limits}; null when absent. */
        public Map<String, String> getLimits() {
            return limits;
        }

        public void setLimits(Map<String, String> limits) {
            this.limits = limits;
        }

        /** {@code requests}; null when absent. */
        public Map<String, String> getRequests() {
            return requests;
        }

        public void setRequests(Map<String, String> requests) {
            this.requests = requests;
        }
    }

    /** One of a container's {@code env}: its literal value, null where it has none (e.g. {@code valueFrom}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class EnvVar {
        private String name;
        private String value;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }
    }

    /** {@code status}: the phase alone. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Status {
        private String phase;

        public String getPhase() {
            return phase;
        }

        public void setPhase(String phase) {
            this.phase = phase;
        }
    }
}
