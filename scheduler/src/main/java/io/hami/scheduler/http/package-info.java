/** The extender's HTTP(S) front on the JDK's HTTP server, and TLS from PEM files ({@link io.hami.scheduler.http.HttpFront}). */
package io.hami.scheduler.http;
