/**
 * Test support shipped in the {@code nn-api} test-jar: the {@link io.github.nn4j.testing.ModuleContractTest}
 * every module test extends, and {@link io.github.nn4j.testing.SharedFixtures} to find the
 * read-only shared fixtures.
 */
package io.github.nn4j.testing;
