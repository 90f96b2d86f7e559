/**
 * NVML for tests: {@link io.hami.testfixtures.nvml.FakeNvml}, a pure-Java machine, and
 * {@link io.hami.testfixtures.nvml.NvmlMock}, the C mock library reached through the real FFM binding; both
 * answer from the machine profiles of {@code nvml-profiles/} ({@link io.hami.testfixtures.nvml.NvmlProfile}).
 */
package io.hami.testfixtures.nvml;
