package io.hami.scheduler.daemon;

import io.hami.scheduler.http.ServingKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at the serving certificate's files, run on the daemon's background thread: a renewed pair is put in force
 * and logged once; files that cannot be used are logged once per distinct problem, and the pair in force stays until
 * the files are whole again (a writer may be half-way through replacing them).
 */
final class CertificateReload implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateReload.class);

    private final ServingKeys keys;
    private String lastProblem = "";

    CertificateReload(ServingKeys keys) {
        this.keys = keys;
    }

    @Override
    public void run() {
        try {
            if (keys.reloadIfChanged()) {
                var certificate = keys.certificate();
                LOG.info("serving certificate reloaded from {}: {}, valid until {}", keys.certificateFile(),
                        certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant());
            }
            lastProblem = "";
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                LOG.warn("serving certificate not reloaded, the one in force stays: {}", problem);
                lastProblem = problem;
            }
        }
    }
}
