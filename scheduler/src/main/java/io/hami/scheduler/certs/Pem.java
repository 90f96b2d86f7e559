package io.hami.scheduler.certs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM text of certificates and PKCS#8 keys, as Kubernetes Secrets hold them. */
final class Pem {

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + LINES.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Every certificate in the text, in order; none is an error. */
    static List<X509Certificate> certificates(String pem, String what) throws CertificateException {
        var found = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (found.isEmpty()) {
            throw new CertificateException(what + " holds no certificate");
        }
        return found.stream().map(X509Certificate.class::cast).toList();
    }
}
