package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * A test-only module that keeps the top-left corner of the last two dimensions: it drops the last
 * {@code dh} rows and {@code dw} columns (to give {@link DepthConcat} a smaller plane to centre).
 */
final class CornerCrop extends Module<Tensor, Tensor> {

    private final int dh;
    private final int dw;

    CornerCrop(int dh, int dw) {
        super(Tensor.empty(), Tensor.empty());
        this.dh = dh;
        this.dw = dw;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (input.dim() < 2 || input.size(-2) <= dh || input.size(-1) <= dw) {
            throw shapeError("[..., > " + dh + ", > " + dw + "]", input);
        }
        int[] s = input.sizes();
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        s[s.length - 2] = h - dh;
        s[s.length - 1] = w - dw;
        output.resize(s);
        int planes = input.numel() / (h * w);
        double[] x = input.data();
        double[] y = output.data();
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < h - dh; r++) {
                System.arraycopy(x, (p * h + r) * w, y, (p * (h - dh) + r) * (w - dw), w - dw);
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int h = input.size(-2);
        int w = input.size(-1);
        gradInput.resizeAs(input).zero();
        int planes = input.numel() / (h * w);
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < h - dh; r++) {
                System.arraycopy(g, (p * (h - dh) + r) * (w - dw), gi, (p * h + r) * w, w - dw);
            }
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "nn.CornerCrop(" + dh + ", " + dw + ")";
    }
}
