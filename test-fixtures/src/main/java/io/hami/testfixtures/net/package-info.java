/** Network clients for tests of servers' limits: {@link io.hami.testfixtures.net.HeldRequests}. */
package io.hami.testfixtures.net;
