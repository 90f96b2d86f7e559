package io.hami.scheduler.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for 127.0.0.1, written as PEM files in the key forms Kubernetes tooling uses. */
public final class TestCertificates {

    /** How the private key is written. */
    public enum KeyForm { PKCS8_RSA, PKCS1_RSA, SEC1_EC, PKCS8_EC }

    /**
     * @param certificate the PEM certificate file
     * @param key         the PEM key file
     * @param cert        the certificate, for the client's trust store
     */
    public record Files2(Path certificate, Path key, X509Certificate cert) {

        /** A client context that trusts exactly this certificate. */
        public SSLContext clientContext() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }
    }

    /**
     * A client's certificate and key; the certificate is self-signed, so its own file is the client CA a server
     * trusts it by.
     *
     * @param caFile the PEM certificate, as {@code --client_ca_file}
     */
    public record ClientCertificate(Path caFile, X509Certificate cert, PrivateKey key) {

        /** A client context presenting this certificate and trusting exactly {@code server}. */
        public SSLContext context(X509Certificate server) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key, new char[0], new java.security.cert.Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", server);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        }
    }

    private TestCertificates() {
    }

    /** A client certificate for {@code CN=name}, written to {@code dir/name.crt}. */
    public static ClientCertificate client(Path dir, String name) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), BigInteger.TWO,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=" + name), pair.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        Path file = dir.resolve(name + ".crt");
        Files.writeString(file, pem(cert));
        return new ClientCertificate(file, cert, pair.getPrivate());
    }

    public static Files2 write(Path dir, KeyForm form) throws Exception {
        boolean ec = form == KeyForm.SEC1_EC || form == KeyForm.PKCS8_EC;
        KeyPairGenerator gen = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
        if (ec) {
            gen.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            gen.initialize(2048);
        }
        KeyPair pair = gen.generateKeyPair();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=hami-scheduler"), BigInteger.ONE,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=hami-scheduler"), pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        var signer = new JcaContentSignerBuilder(ec ? "SHA256withECDSA" : "SHA256withRSA").build(pair.getPrivate());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        Path certFile = dir.resolve("tls.crt");
        Path keyFile = dir.resolve("tls.key");
        Files.writeString(certFile, pem(cert));
        Files.writeString(keyFile, switch (form) {
            case PKCS1_RSA, SEC1_EC -> pem(pair);
            case PKCS8_RSA, PKCS8_EC -> pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate());
        });
        return new Files2(certFile, keyFile, cert);
    }

    private static String pem(Object o) throws IOException {
        var out = new StringWriter();
        try (var w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
