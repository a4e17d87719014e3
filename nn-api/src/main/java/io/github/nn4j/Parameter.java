package io.github.nn4j;

import java.util.Objects;

/**
 * A learnable tensor and its gradient, as {@link Module#parameters()} lists them (Torch returns
 * two parallel lists, {@code {weight, bias}, {gradWeight, gradBias}}; here each pair travels
 * together).
 *
 * @param name the module field it is, {@code "weight"} or {@code "bias"} (for messages and
 *             {@link Module#share})
 * @param value the parameter tensor, owned by the module
 * @param grad its gradient buffer, same size, owned by the module
 */
public record Parameter(String name, Tensor value, Tensor grad) {

    /**
     * Checks the pair.
     *
     * @param name the field name
     * @param value the parameter
     * @param grad the gradient, of the same size
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(grad, "grad");
        if (!value.sameSizeAs(grad)) {
            throw new IllegalArgumentException("parameter " + name + " has size " + value.shapeString()
                    + " but its gradient has size " + grad.shapeString());
        }
    }
}
