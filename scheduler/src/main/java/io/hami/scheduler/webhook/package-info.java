/** The mutating admission webhook (spec §4): {@link io.hami.scheduler.webhook.Admission} decides, {@link io.hami.scheduler.webhook.AdmissionReviews} speaks AdmissionReview JSON. */
package io.hami.scheduler.webhook;
