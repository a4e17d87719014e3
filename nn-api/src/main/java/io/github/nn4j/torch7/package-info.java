/**
 * Torch7's serialization format ({@code .t7}), the plain-object layer: what Lua's
 * {@code torch.load} returns, read and written in the binary and the ascii encoding exactly as
 * Torch's {@code File.lua}, {@code THDiskFile.c}, {@code generic/Tensor.c} and
 * {@code generic/Storage.c} do.
 *
 * <table class="striped">
 *   <caption>Lua values and their Java form</caption>
 *   <tr><th>Lua (type tag)</th><th>Java</th></tr>
 *   <tr><td>nil (0)</td><td>{@code null}</td></tr>
 *   <tr><td>number (1)</td><td>{@link java.lang.Double}</td></tr>
 *   <tr><td>string (2)</td><td>{@link java.lang.String} when the bytes are valid UTF-8, else
 *       {@link io.github.nn4j.torch7.T7Bytes}</td></tr>
 *   <tr><td>table (3)</td><td>{@link io.github.nn4j.torch7.T7Table}</td></tr>
 *   <tr><td>torch object (4)</td><td>{@link io.github.nn4j.torch7.T7Tensor},
 *       {@link io.github.nn4j.torch7.T7Storage}, or {@link io.github.nn4j.torch7.T7Object} (any other
 *       class: nn modules, criteria, {@code tds.Hash}, {@code tds.Vec}, user classes)</td></tr>
 *   <tr><td>boolean (5)</td><td>{@link java.lang.Boolean}</td></tr>
 *   <tr><td>function (6, 7, 8)</td><td>{@link io.github.nn4j.torch7.T7Function}, a marker that is
 *       never executed</td></tr>
 * </table>
 *
 * <p>Entry points: {@link io.github.nn4j.torch7.Torch7#load(java.nio.file.Path)} and
 * {@link io.github.nn4j.torch7.Torch7#save(java.nio.file.Path, Object, boolean)}, or
 * {@link io.github.nn4j.torch7.T7Reader} and {@link io.github.nn4j.torch7.T7Writer} directly.
 * Tensors convert to and from {@link io.github.nn4j.Tensor} with
 * {@link io.github.nn4j.torch7.T7Tensor#toTensor()} and
 * {@link io.github.nn4j.torch7.T7Tensor#fromTensor(io.github.nn4j.Tensor)}.
 *
 * <p>Shared objects and cycles keep their identity: two fields that are the same Lua object in
 * the file are the same Java object after loading, and are written once (then by reference) when
 * saving. Tensor views keep their storage, sizes, strides and offset; several views may share one
 * {@link io.github.nn4j.torch7.T7Storage}.
 *
 * <p>Malformed input never escapes as anything but a checked
 * {@link io.github.nn4j.torch7.T7FormatException} (which names the byte offset); sizes are checked
 * against the bytes left before anything is allocated and nesting depth is bounded.
 */
package io.github.nn4j.torch7;
