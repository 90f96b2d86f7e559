/**
 * The C mock libraries of these fixtures, one per vendor, as tests reach them: {@link
 * io.hami.testfixtures.mock.MockLibrary} binds a mock's control functions (every mock has the same three:
 * choose the machine, read the last profile error, count inits), {@link io.hami.testfixtures.mock.VendorMock}
 * names each vendor's mock, its variants and its profiles, and {@link io.hami.testfixtures.mock.MockProfile}
 * reads a profile the way the tests assert against it.
 */
package io.hami.testfixtures.mock;
