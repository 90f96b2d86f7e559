/**
 * Test fixtures shared by every module in test scope: machine-level fakes, C mock libraries of the
 * vendor APIs (built by this module's Maven build) and JUnit extensions.
 */
package io.hami.testfixtures;
