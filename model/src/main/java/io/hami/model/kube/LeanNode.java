package io.hami.model.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A core/v1 Node as the node daemons read it: its metadata (fabric8's {@link ObjectMeta}: annotations, labels,
 * resource version) and nothing else; the rest of the API object is skipped when read (see {@link LeanPod}). Use it
 * through {@code client.resources(LeanNode.class)}; a node of metadata alone is also the body of a metadata patch.
 */
@Group("")
@Version("v1")
@Kind("Node")
@Plural("nodes")
@Singular("node")
@JsonIgnoreProperties(ignoreUnknown = true)
// fabric8's KubernetesResource names a deserializer that picks the class by kind; this class is read as itself.
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class LeanNode extends LeanObject {

    public LeanNode() {
        super("Node", null);
    }

    /** A node of {@code metadata} alone. */
    public LeanNode(ObjectMeta metadata) {
        super("Node", metadata);
    }
}
