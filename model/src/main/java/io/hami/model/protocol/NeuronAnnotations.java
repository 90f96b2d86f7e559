package io.hami.model.protocol;

/**
 * The AWS Neuron keys that cross a process boundary: what the scheduler writes for the Neuron device plugin
 * (docs/protocol.md, "Pod annotations of the other device types"). HAMi source: {@code PatchAnnotations} in
 * {@code pkg/device/awsneuron/device.go}. The Neuron plugin takes these bare names as annotation keys.
 */
public final class NeuronAnnotations {

    /** Pod: the device indexes (for a device request) or NeuronCore indexes (for a core request), a comma list. */
    public static final String ASSIGNED_IDS = "AWS_NEURON_IDS";
    /** Pod: Unix nanoseconds of the decision. */
    public static final String ALLOC_TIME = "NEURON_ALLOC_TIME";
    /** Pod: the core resource name, when the pod asked NeuronCores. */
    public static final String RESOURCE_TYPE = "NEURON_RESOURCE_TYPE";
    /** Pod: {@code false} until the plugin has handed the devices out. */
    public static final String ALLOCATED = "NEURON_ALLOCATED";
    /** Pod: the chosen node. */
    public static final String PREDICATE_NODE = "aws.amazon.com/predicate-node";
    /** Node label: the EC2 instance type; {@code inf} instances link their devices in a ring. */
    public static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

    private NeuronAnnotations() {
    }
}
