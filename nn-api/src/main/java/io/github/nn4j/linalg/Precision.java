package io.github.nn4j.linalg;

/**
 * The arithmetic of the {@link Gemm} facade's blocked products (see {@link Gemm#setPrecision}).
 * Operands and results stay {@code double} either way ({@code Tensor} storage does not change);
 * only the packed panels and the micro-kernel's multiply-adds change width.
 */
public enum Precision {

    /**
     * Double precision throughout (the default): the same numbers as Torch's {@code DoubleTensor}
     * products, what gradient checks need.
     */
    FLOAT64,

    /**
     * The operands are rounded to {@code float} when they are packed and the micro-kernel
     * multiplies and adds {@code float} vectors (twice the lanes of {@code double}); each panel's
     * partial sums, at most {@code kc} terms, are added to the {@code double} result in
     * {@code double}. About 7 significant digits, as Torch's {@code FloatTensor} and PyTorch's
     * default {@code float32}.
     */
    FLOAT32
}
