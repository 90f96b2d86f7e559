/**
 * Network fakes for tests of servers' limits and of their clients' recovery:
 * {@link io.hami.testfixtures.net.HeldRequests}, {@link io.hami.testfixtures.net.OutageProxy}.
 */
package io.hami.testfixtures.net;
