package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * Checks shared by the element-wise modules ({@link Square}, {@link Power}, {@link Exp},
 * {@link Log}, {@link AddConstant}, {@link Abs}, {@link Sqrt}): an element-wise module accepts a
 * tensor of any shape, and its gradOutput must hold as many elements as the input (Torch's
 * {@code THNN_CHECK_NELEMENT}).
 */
final class ElementWise {

    private ElementWise() {
    }

    /**
     * Throws unless {@code gradOutput} has as many elements as {@code input}.
     *
     * @param module the module, for the message
     * @param input the input of the last forward
     * @param gradOutput dL/doutput
     * @throws IllegalArgumentException naming the module and both shapes
     */
    static void checkGradOutput(Module<?, ?> module, Tensor input, Tensor gradOutput) {
        if (gradOutput.numel() != input.numel()) {
            throw new IllegalArgumentException(module + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the input of size " + input.shapeString());
        }
    }
}
