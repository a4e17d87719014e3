package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The common half of {@link SpatialAdaptiveMaxPooling} and {@link SpatialAdaptiveAveragePooling}
 * (package-private): the output size {@code oH × oW} whatever the input size, and THNN's windows,
 * row {@code i} covering input rows {@code [floor(i·H / oH), ceil((i + 1)·H / oH))} (columns
 * likewise), computed in exact integer arithmetic. THNN's {@code START_IND}/{@code END_IND} evaluate
 * {@code (float) (i·H) / oH}; that agrees with the exact quotients for every input and output size
 * up to 512 (checked exhaustively by the tests). An older THNN form, {@code (float) i / oH · H},
 * does not (for H = oH = 13 it ends window 6 at 8).
 */
abstract class AdaptivePooling extends Module<Tensor, Tensor> {

    /** The output width (Torch's {@code W}). */
    final int oW;
    /** The output height (Torch's {@code H}). */
    final int oH;
    /** Window starts and ends per output row and column, for the last input size. */
    int[] rowStart = new int[0];
    int[] rowEnd = new int[0];
    int[] colStart = new int[0];
    int[] colEnd = new int[0];
    private int windowsH = -1;
    private int windowsW = -1;

    AdaptivePooling(int oW, int oH) {
        super(Tensor.empty(), Tensor.empty());
        Spatial.positive("nn." + getClass().getSimpleName() + "(" + oW + ", " + oH + ")", "output size", oW, oH);
        this.oW = oW;
        this.oH = oH;
    }

    /** @return the output width */
    public int outputWidth() {
        return oW;
    }

    /** @return the output height */
    public int outputHeight() {
        return oH;
    }

    /** Checks the input and computes the windows for its size (only when the size changed). */
    void prepare(Tensor input) {
        if (!Spatial.isSpatial(input)) {
            throw shapeError(Spatial.expected(""), input);
        }
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        if (ih != windowsH || rowStart.length != oH) {
            rowStart = new int[oH];
            rowEnd = new int[oH];
            fill(rowStart, rowEnd, ih, oH);
            windowsH = ih;
        }
        if (iw != windowsW || colStart.length != oW) {
            colStart = new int[oW];
            colEnd = new int[oW];
            fill(colStart, colEnd, iw, oW);
            windowsW = iw;
        }
    }

    static void fill(int[] start, int[] end, int in, int out) {
        for (int i = 0; i < out; i++) {
            start[i] = (int) Math.floorDiv((long) i * in, out);
            end[i] = (int) -Math.floorDiv(-(long) (i + 1) * in, out);
        }
    }
}
