package io.hami.scheduler.http;

import io.hami.model.input.UntrustedFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server context from PEM files as Kubernetes tooling writes them: a certificate chain, and a private key in
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) form; the latter two
 * are wrapped into PKCS#8 for the JDK's key factories.
 */
public final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
        0x01, 0x01};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] NULL = {0x05, 0x00};
    private static final byte[] P256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    private static final byte[] P384 = {0x06, 0x05, 0x2b, (byte) 0x81, 0x04, 0x00, 0x22};
    private static final byte[] P521 = {0x06, 0x05, 0x2b, (byte) 0x81, 0x04, 0x00, 0x23};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    /** The largest certificate or key file read: Kubernetes keeps the Secret they come from to 1 MiB. */
    static final int MAX_PEM_BYTES = 1 << 20;

    private PemKeys() {
    }

    /**
     * The server context.
     *
     * @throws IOException              when a file cannot be read ({@link UntrustedFiles}: a regular file of at most
     *                                  {@value #MAX_PEM_BYTES} bytes)
     * @throws GeneralSecurityException when the files hold no usable certificate or key
     */
    public static SSLContext serverContext(Path certificate, Path key) throws IOException, GeneralSecurityException {
        return serverContext(certificate, key, Optional.empty());
    }

    /**
     * The server context, trusting the certificates of {@code clientCa} (PEM, one or more CA certificates) for client
     * certificates when given; whether clients must present one is the listener's choice.
     *
     * @throws IOException              when a file cannot be read ({@link UntrustedFiles}: a regular file of at most
     *                                  {@value #MAX_PEM_BYTES} bytes)
     * @throws GeneralSecurityException when the files hold no usable certificate or key
     */
    public static SSLContext serverContext(Path certificate, Path key, Optional<Path> clientCa)
            throws IOException, GeneralSecurityException {
        return serverContext(ServingKeys.load(certificate, key), clientCa);
    }

    /**
     * The server context presenting whatever pair {@code keys} holds at each handshake (so a reload of the files
     * reaches new connections), trusting the certificates of {@code clientCa} for client certificates when given.
     *
     * @throws IOException              when the client CA file cannot be read
     * @throws GeneralSecurityException when it holds no certificate
     */
    public static SSLContext serverContext(ServingKeys keys, Optional<Path> clientCa)
            throws IOException, GeneralSecurityException {
        TrustManager[] trust = null;
        if (clientCa.isPresent()) {
            KeyStore cas = KeyStore.getInstance("PKCS12");
            cas.load(null, null);
            Certificate[] authorities = certificates(clientCa.get());
            for (int i = 0; i < authorities.length; i++) {
                cas.setCertificateEntry("client-ca-" + i, authorities[i]);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(cas);
            trust = tmf.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keys}, trust, null);
        return context;
    }

    private static Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
        Certificate[] certificates;
        try (var in = new ByteArrayInputStream(UntrustedFiles.readBytes(file, MAX_PEM_BYTES))) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .toArray(Certificate[]::new);
        }
        if (certificates.length == 0) {
            throw new GeneralSecurityException(file + ": no certificate");
        }
        return certificates;
    }

    /** The first private key of a PEM text. */
    public static PrivateKey privateKey(String pem, String source) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String kind = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            byte[] pkcs8 = switch (kind) {
                case "PRIVATE KEY" -> der;
                case "RSA PRIVATE KEY" -> pkcs8(seq(RSA_OID, NULL), der);
                case "EC PRIVATE KEY" -> pkcs8(seq(EC_OID, curve(der)), der);
                default -> null;
            };
            if (pkcs8 == null) {
                continue;
            }
            for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new GeneralSecurityException(source + ": unsupported " + kind);
        }
        throw new GeneralSecurityException(source + ": no PEM private key");
    }

    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return seq(VERSION_0, algorithm, tlv(0x04, key));
    }

    /**
     * The named-curve OID of a SEC1 {@code ECPrivateKey}: its {@code [0]} parameters, or, when a writer left them out,
     * the NIST curve its private key's length implies (32 bytes P-256, 48 P-384, 66 P-521).
     */
    private static byte[] curve(byte[] sec1) throws GeneralSecurityException {
        int[] pos = {0};
        expectTag(sec1, pos, 0x30);
        int end = length(sec1, pos) + pos[0];
        int keyLength = -1;
        while (pos[0] < end) {
            int tag = sec1[pos[0]++] & 0xff;
            int len = length(sec1, pos);
            if (tag == 0xa0) {
                byte[] oid = new byte[len];
                System.arraycopy(sec1, pos[0], oid, 0, len);
                return oid;
            }
            if (tag == 0x04) {
                keyLength = len;
            }
            pos[0] += len;
        }
        return switch (keyLength) {
            case 32 -> P256;
            case 48 -> P384;
            case 66 -> P521;
            default -> throw new GeneralSecurityException("EC PRIVATE KEY without a named curve");
        };
    }

    private static void expectTag(byte[] der, int[] pos, int tag) throws GeneralSecurityException {
        if (pos[0] >= der.length || (der[pos[0]++] & 0xff) != tag) {
            throw new GeneralSecurityException("malformed DER");
        }
    }

    private static int length(byte[] der, int[] pos) throws GeneralSecurityException {
        if (pos[0] >= der.length) {
            throw new GeneralSecurityException("malformed DER");
        }
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int bytes = first & 0x7f;
        if (bytes > 3 || pos[0] + bytes > der.length) {
            throw new GeneralSecurityException("malformed DER");
        }
        int len = 0;
        for (int i = 0; i < bytes; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xff);
        }
        return len;
    }

    private static byte[] seq(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
