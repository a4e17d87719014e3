/**
 * Export of nn4j modules to ONNX ({@link io.github.nn4j.onnx.OnnxExport}), built with Tribuo's ONNX
 * utilities ({@code org.tribuo:tribuo-util-onnx}, an optional dependency: declare it to export).
 */
package io.github.nn4j.onnx;
