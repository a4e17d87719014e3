/**
 * The {@code nn4j} command line ({@link io.github.nn4j.examples.Nn4jCommand}) and its subcommands,
 * such as {@code nn4j torch7} ({@link io.github.nn4j.examples.Torch7Command}), which inspects and
 * runs Lua Torch7 {@code .t7} models and criteria.
 */
package io.github.nn4j.examples;
