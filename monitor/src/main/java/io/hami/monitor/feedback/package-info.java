/**
 * The priority feedback: every period, {@link io.hami.monitor.feedback.PriorityFeedback} decides from the
 * regions which containers may burst past their core limit and which are blocked while a higher-priority
 * container is active on a shared GPU, and {@link io.hami.monitor.feedback.FeedbackLoop} writes the two fields
 * that carry that decision.
 */
package io.hami.monitor.feedback;
