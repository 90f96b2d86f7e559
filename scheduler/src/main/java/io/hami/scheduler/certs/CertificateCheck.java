package io.hami.scheduler.certs;

import io.hami.scheduler.http.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a stored certificate still serves: it chains to the stored CA (the JDK's PKIX {@link CertPathValidator},
 * no revocation), names every {@link ServingNames serving name}, matches its key, and stays valid for longer than the
 * renewal margin. The answer is the first reason to reissue, or empty.
 */
public final class CertificateCheck {

    private static final byte[] PROBE = "hami-java key check".getBytes(StandardCharsets.US_ASCII);

    private CertificateCheck() {
    }

    /**
     * @param caPem       {@code ca.crt}
     * @param certPem     {@code tls.crt} (the serving certificate first)
     * @param keyPem      {@code tls.key}, in any form {@link PemKeys} reads
     * @param names       the names the certificate must carry
     * @param now         the time to judge at
     * @param renewBefore how long before expiry a certificate counts as due
     * @return why the certificate must be reissued, or empty when it serves
     */
    public static Optional<String> problem(String caPem, String certPem, String keyPem, ServingNames names,
                                           Instant now, Duration renewBefore) {
        X509Certificate ca;
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            ca = Pem.certificates(caPem, "ca.crt").getFirst();
            chain = Pem.certificates(certPem, "tls.crt");
            key = PemKeys.privateKey(keyPem, "tls.key");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
        X509Certificate cert = chain.getFirst();
        Instant expiry = cert.getNotAfter().toInstant();
        if (!expiry.isAfter(now.plus(renewBefore))) {
            return Optional.of("expires " + expiry + ", within " + renewBefore.toDays() + " days");
        }
        if (cert.getNotBefore().toInstant().isAfter(now)) {
            return Optional.of("not valid before " + cert.getNotBefore().toInstant());
        }
        Set<String> missing = new HashSet<>(names.dnsNames());
        missing.add(ServingNames.LOOPBACK);
        missing.removeAll(subjectAltNames(cert));
        if (!missing.isEmpty()) {
            return Optional.of("does not name " + String.join(", ", missing.stream().sorted().toList()));
        }
        try {
            var params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            var path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            CertPathValidator.getInstance("PKIX").validate(path, params);
        } catch (GeneralSecurityException e) {
            return Optional.of("does not chain to ca.crt: " + e.getMessage());
        }
        try {
            String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(PROBE);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(PROBE);
            if (!verify.verify(signature)) {
                return Optional.of("tls.key does not belong to tls.crt");
            }
        } catch (GeneralSecurityException e) {
            return Optional.of("tls.key does not belong to tls.crt: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The DNS names and IP addresses of the certificate's subjectAltName extension. */
    static Set<String> subjectAltNames(X509Certificate cert) {
        var out = new HashSet<String>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return out;
        }
        return out;
    }
}
