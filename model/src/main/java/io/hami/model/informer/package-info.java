/**
 * How the daemons' fabric8 informers behave on failure, written once: {@link io.hami.model.informer.RetryEveryFailure}.
 * The model's only code that reads fabric8 or SLF4J; both are optional dependencies of the model, present in every
 * daemon that runs an informer and absent from those that run none (the runtime hook).
 */
package io.hami.model.informer;
