/**
 * The mutating admission webhook (docs/scheduler.md, "Webhook"): {@link io.hami.scheduler.webhook.Admission} decides,
 * {@link io.hami.scheduler.webhook.AdmissionReviews} speaks AdmissionReview JSON.
 */
package io.hami.scheduler.webhook;
