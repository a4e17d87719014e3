package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The common part of {@link SpatialMaxPooling} and {@link SpatialAveragePooling}: the window
 * {@code kW × kH}, its step {@code dW, dH} and padding {@code padW, padH} (Torch's fields of the
 * same names), their checks, the ceil/floor rounding flag ({@code ceil_mode}), the output size
 * ({@link Spatial#poolOutputSize}) and the input check. The pooling loops stay in each class.
 */
abstract class PaddedPooling extends Module<Tensor, Tensor> {

    final int kW;
    final int kH;
    final int dW;
    final int dH;
    final int padW;
    final int padH;
    boolean ceilMode;

    /**
     * @param type the Torch type name, for the error messages
     * @throws IllegalArgumentException unless the kernel size and stride are positive and the
     *     padding is between 0 and half the kernel size
     */
    PaddedPooling(String type, int kW, int kH, int dW, int dH, int padW, int padH) {
        super(Tensor.empty(), Tensor.empty());
        String name = type + "(" + kW + "x" + kH + ", " + dW + "," + dH + ", " + padW + "," + padH + ")";
        Spatial.positive(name, "kernel size and stride", kW, kH, dW, dH);
        if (padW < 0 || padH < 0 || padW > kW / 2 || padH > kH / 2) {
            throw new IllegalArgumentException(name + ": padding must be between 0 and half the kernel size");
        }
        this.kW = kW;
        this.kH = kH;
        this.dW = dW;
        this.dH = dH;
        this.padW = padW;
        this.padH = padH;
    }

    /** @return whether the output size is rounded up */
    public boolean isCeilMode() {
        return ceilMode;
    }

    final int outH(int h) {
        return Spatial.poolOutputSize(h, kH, dH, padH, ceilMode);
    }

    final int outW(int w) {
        return Spatial.poolOutputSize(w, kW, dW, padW, ceilMode);
    }

    /** Refuses an input that is not {@code [C, H, W]} or {@code [N, C, H, W]} with room for one window. */
    final void check(Tensor input) {
        if (!Spatial.isSpatial(input) || outH(Spatial.height(input)) < 1 || outW(Spatial.width(input)) < 1) {
            throw shapeError(Spatial.expected("H >= " + Spatial.minPoolInput(kH, dH, padH, ceilMode) + " and W >= "
                    + Spatial.minPoolInput(kW, dW, padW, ceilMode)), input);
        }
    }

    /**
     * The kernel width.
     *
     * @return kW
     */
    public int kW() {
        return kW;
    }

    /**
     * The kernel height.
     *
     * @return kH
     */
    public int kH() {
        return kH;
    }

    /**
     * The horizontal stride.
     *
     * @return dW
     */
    public int dW() {
        return dW;
    }

    /**
     * The vertical stride.
     *
     * @return dH
     */
    public int dH() {
        return dH;
    }

    /**
     * The zero padding at the left and the right.
     *
     * @return padW
     */
    public int padW() {
        return padW;
    }

    /**
     * The zero padding at the top and the bottom.
     *
     * @return padH
     */
    public int padH() {
        return padH;
    }
}
