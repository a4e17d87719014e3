/**
 * Linear algebra behind the layers: the one {@link io.github.nn4j.linalg.Gemm} facade through
 * which every matrix product goes, so that its kernel changes in one place.
 */
package io.github.nn4j.linalg;
