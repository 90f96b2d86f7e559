package io.hami.scheduler.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA and the serving certificate it signed, with the serving key. Keys are ECDSA P-256 (what Go's TLS
 * stack, the API server and the JDK all accept). The CA key is not kept: renewal issues a new CA as well and
 * announces it again, so no long-lived signing key sits in the cluster.
 *
 * <p>The JDK has key generation and certificate parsing but no public API to build a certificate, so the builder is
 * BouncyCastle's.
 *
 * @param ca      the CA certificate, for {@code ca.crt} and the webhook's {@code caBundle}
 * @param serving the serving certificate, for {@code tls.crt}
 * @param key     the serving certificate's private key, for {@code tls.key}
 */
public record IssuedCertificate(X509Certificate ca, X509Certificate serving, PrivateKey key) {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    public IssuedCertificate {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(key, "key");
    }

    /**
     * Issues a CA and a certificate for the names, valid from a few minutes before {@code now} (clock skew between
     * the Job's node and the API server) for {@code validity}.
     */
    public static IssuedCertificate issue(ServingNames names, Duration validity, Instant now)
            throws GeneralSecurityException {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        var random = new SecureRandom();
        KeyPair caKeys = ecKeys(random);
        KeyPair servingKeys = ecKeys(random);
        Date from = Date.from(now.minus(BACKDATE));
        Date until = Date.from(now.plus(validity));
        X500Name caName = name("hami-java webhook CA " + names.namespace() + "/" + names.service());
        X500Name servingName = name(names.dnsNames().getFirst());
        try {
            var utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(random), from, until, caName,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCert = sign(ca, caKeys.getPrivate());

            var sans = new ArrayList<GeneralName>();
            names.dnsNames().forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
            sans.add(new GeneralName(GeneralName.iPAddress, ServingNames.LOOPBACK));
            X509v3CertificateBuilder serving = new JcaX509v3CertificateBuilder(caCert, serial(random), from, until,
                    servingName, servingKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(servingKeys.getPublic()));
            return new IssuedCertificate(caCert, sign(serving, caKeys.getPrivate()), servingKeys.getPrivate());
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate: " + e.getMessage(), e);
        }
    }

    /** {@code ca.crt}. */
    public String caPem() throws CertificateEncodingException {
        return Pem.encode("CERTIFICATE", ca.getEncoded());
    }

    /** {@code tls.crt}. */
    public String servingPem() throws CertificateEncodingException {
        return Pem.encode("CERTIFICATE", serving.getEncoded());
    }

    /** {@code tls.key}, PKCS#8. */
    public String keyPem() {
        return Pem.encode("PRIVATE KEY", key.getEncoded());
    }

    private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), random);
        return gen.generateKeyPair();
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(SIGNATURE).build(signer)));
    }
}
