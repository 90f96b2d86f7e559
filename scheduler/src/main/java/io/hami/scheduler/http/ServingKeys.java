package io.hami.scheduler.http;

import io.hami.model.input.UntrustedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The serving certificate and key of the scheduler's listeners, read from their PEM files and read again when the
 * files change, so that a renewed certificate (the certs Job's or cert-manager's, which kubelet writes into the
 * mounted Secret) is presented from the next TLS handshake on, without a restart (docs/install.md, "Certificates").
 *
 * <p>This is the key manager of the listeners' {@code SSLContext}: every handshake asks it for the pair in force.
 * {@link #reloadIfChanged()} replaces the pair only with one that is whole: both files readable, the key the
 * certificate's own (a writer that has replaced one file and not yet the other leaves the old pair in force until a
 * later call finds both). Connections already open keep the certificate they were made with.
 */
public final class ServingKeys extends X509ExtendedKeyManager {

    private static final String ALIAS = "serving-";

    /** One certificate chain with its key, and the digest of the files it came from. */
    private record Pair(X509Certificate[] chain, PrivateKey key, byte[] digest) {
    }

    /**
     * The pair in force and the one before it, each under the alias of its generation: a handshake asks for the
     * chain and for the key in two calls, and a reload between them must not give it the new chain with the old key.
     */
    private record State(long generation, Pair current, Pair previous) {
        Pair byAlias(String alias) {
            if ((ALIAS + generation).equals(alias)) {
                return current;
            }
            return previous != null && (ALIAS + (generation - 1)).equals(alias) ? previous : null;
        }
    }

    private final Path certificateFile;
    private final Path keyFile;
    private final AtomicReference<State> state;

    private ServingKeys(Path certificateFile, Path keyFile, Pair first) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.state = new AtomicReference<>(new State(0, first, null));
    }

    /**
     * Reads the pair.
     *
     * @throws IOException              when a file cannot be read (a regular file of at most 1 MiB)
     * @throws GeneralSecurityException when the files hold no certificate, no key, or a key that is not the
     *                                  certificate's
     */
    public static ServingKeys load(Path certificate, Path key) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        return new ServingKeys(certificate, key, read(certificate, key));
    }

    /**
     * Reads the files again and puts their pair in force when they changed.
     *
     * @return whether a new pair is now presented
     * @throws IOException              when a file cannot be read; the pair in force stays
     * @throws GeneralSecurityException when the changed files hold no usable pair; the pair in force stays
     */
    public boolean reloadIfChanged() throws IOException, GeneralSecurityException {
        byte[] certificateBytes = UntrustedFiles.readBytes(certificateFile, PemKeys.MAX_PEM_BYTES);
        byte[] keyBytes = UntrustedFiles.readBytes(keyFile, PemKeys.MAX_PEM_BYTES);
        if (Arrays.equals(digest(certificateBytes, keyBytes), state.get().current().digest())) {
            return false;
        }
        Pair next = pair(certificateBytes, keyBytes);
        state.updateAndGet(s -> new State(s.generation() + 1, next, s.current()));
        return true;
    }

    /** The certificate presented now (its first in the chain). */
    public X509Certificate certificate() {
        return state.get().current().chain()[0];
    }

    /** The certificate file, for messages. */
    public Path certificateFile() {
        return certificateFile;
    }

    private static Pair read(Path certificate, Path key) throws IOException, GeneralSecurityException {
        return pair(UntrustedFiles.readBytes(certificate, PemKeys.MAX_PEM_BYTES),
                UntrustedFiles.readBytes(key, PemKeys.MAX_PEM_BYTES), certificate, key);
    }

    private Pair pair(byte[] certificateBytes, byte[] keyBytes) throws GeneralSecurityException {
        return pair(certificateBytes, keyBytes, certificateFile, keyFile);
    }

    private static Pair pair(byte[] certificateBytes, byte[] keyBytes, Path certificate, Path key)
            throws GeneralSecurityException {
        X509Certificate[] chain;
        try (var in = new ByteArrayInputStream(certificateBytes)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (IOException e) {
            throw new GeneralSecurityException(certificate + ": " + e.getMessage(), e);
        }
        if (chain.length == 0) {
            throw new GeneralSecurityException(certificate + ": no certificate");
        }
        PrivateKey privateKey = PemKeys.privateKey(new String(keyBytes, StandardCharsets.US_ASCII), key.toString());
        if (!belongTogether(chain[0], privateKey)) {
            throw new GeneralSecurityException(key + ": not the key of the certificate in " + certificate);
        }
        return new Pair(chain, privateKey, digest(certificateBytes, keyBytes));
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519: the key's own name is its signature's
        };
        byte[] challenge = "hami-java serving key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] digest(byte[] certificateBytes, byte[] keyBytes) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(certificateBytes);
            sha.update((byte) 0);
            sha.update(keyBytes);
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    // The key manager: the alias of the pair in force when the handshake chooses one.

    private String aliasFor(String keyType) {
        if (keyType == null) {
            return null;
        }
        // "EC_EC" and "EC_RSA" name the key and the signature of static ECDH suites: the key is the first word.
        String keyAlgorithm = keyType.split("_", 2)[0].toUpperCase(Locale.ROOT);
        State now = state.get();
        return now.current().key().getAlgorithm().toUpperCase(Locale.ROOT).equals(keyAlgorithm)
                ? ALIAS + now.generation() : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = aliasFor(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Pair pair = alias == null ? null : state.get().byAlias(alias);
        return pair == null ? null : pair.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Pair pair = alias == null ? null : state.get().byAlias(alias);
        return pair == null ? null : pair.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
