package io.hami.model.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * What {@link LeanPod} and {@link LeanNode} share: the API version, kind and metadata of a core/v1 object, as the
 * JavaBean properties fabric8's client and Jackson read and write.
 */
public abstract class LeanObject implements HasMetadata {

    private String apiVersion = "v1";
    private String kind;
    private ObjectMeta metadata;

    /** An object of {@code kind}, metadata as given (null: none yet). */
    protected LeanObject(String kind, ObjectMeta metadata) {
        this.kind = kind;
        this.metadata = metadata;
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }
}
