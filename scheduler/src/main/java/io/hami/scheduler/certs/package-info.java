/**
 * The webhook's and the extender's serving certificate: issued with a private CA ({@link
 * io.hami.scheduler.certs.IssuedCertificate}), checked ({@link io.hami.scheduler.certs.CertificateCheck}), kept in a
 * {@code kubernetes.io/tls} Secret and announced in the MutatingWebhookConfiguration's {@code caBundle} ({@link
 * io.hami.scheduler.certs.WebhookCertificates}); {@code hami certs webhook} runs it from the chart's Job.
 */
package io.hami.scheduler.certs;
