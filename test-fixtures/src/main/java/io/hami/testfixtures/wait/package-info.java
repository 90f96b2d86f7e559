/** Waiting in tests for what other threads and processes do: {@link io.hami.testfixtures.wait.Eventually}. */
package io.hami.testfixtures.wait;
