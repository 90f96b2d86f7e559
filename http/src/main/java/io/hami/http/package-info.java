/**
 * The HTTP/1.1 listener every hami daemon serves through ({@link io.hami.http.HttpListener}): a connection cap that
 * makes room by closing the connection that has waited longest for a request, deadlines for a request's head and
 * body, for idle connections and for writing a response, bounded heads and bodies (413 beyond, or the first bytes for
 * routes that must answer in their own terms), a budget for bodies held in memory, optional client certificates; and
 * the routes the daemons share ({@link io.hami.http.Routes}: health, Prometheus {@code /metrics}).
 *
 * <p>It lives in a module of its own because the scheduler, the device plugin and the monitor all serve HTTP, and the
 * only module below all three is the wire model, which holds plain data (docs/architecture.md).
 */
package io.hami.http;
