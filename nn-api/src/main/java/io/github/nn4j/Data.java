package io.github.nn4j;

/**
 * What flows between modules: a {@link Tensor} or a {@link Table} of further {@code Data}
 * (Lua Torch passes tensors and Lua array tables of tensors, possibly nested).
 *
 * <p>The hierarchy is sealed, so a {@code switch} over it is exhaustive.
 */
public sealed interface Data permits Tensor, Table {

    /**
     * A deep copy: new tensors with the same values, new tables with the same structure.
     *
     * @return a copy sharing no storage with this
     */
    Data deepCopy();

    /**
     * A zero-filled copy of the same structure and shapes.
     *
     * @return zeros shaped like this
     */
    Data zerosLike();

    /**
     * The shape, for messages: {@code [3, 4]} for a tensor, {@code {[3, 4], [3]}} for a table.
     *
     * @return a readable description of the shape
     */
    String shapeString();
}
