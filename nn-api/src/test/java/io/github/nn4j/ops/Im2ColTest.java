package io.github.nn4j.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Im2Col} against its definition, and fold as the adjoint of unfold. */
class Im2ColTest {

    private static final int[][] GEOMETRIES = {
        // C, H, W, kH, kW, dH, dW, padH, padW, dilH, dilW
        {2, 5, 6, 3, 3, 1, 1, 0, 0, 1, 1},
        {3, 6, 5, 2, 3, 1, 2, 1, 1, 1, 1},
        {1, 7, 7, 3, 3, 2, 2, 2, 2, 2, 2},
        {2, 4, 9, 3, 2, 2, 3, 0, 1, 1, 3},
        {1, 3, 3, 5, 5, 1, 1, 2, 2, 1, 1},
    };

    @Test
    void unfoldIsTheDefinitionAndFoldItsAdjoint() {
        Random rnd = new Random(5);
        for (int[] g : GEOMETRIES) {
            int c = g[0], h = g[1], w = g[2], kH = g[3], kW = g[4], dH = g[5], dW = g[6], padH = g[7], padW = g[8];
            int dilH = g[9], dilW = g[10];
            int oH = Im2Col.outputSize(h, kH, dH, padH, dilH);
            int oW = Im2Col.outputSize(w, kW, dW, padW, dilW);
            int n = 3;
            int area = oH * oW;
            double[] im = new double[n * c * h * w];
            for (int i = 0; i < im.length; i++) {
                im[i] = rnd.nextDouble() - 0.5;
            }
            double[] cols = new double[c * kH * kW * n * area];
            java.util.Arrays.fill(cols, Double.NaN);
            Im2Col.unfoldBatch(im, n, c, h, w, kH, kW, dH, dW, padH, padW, dilH, dilW, oH, oW, cols);
            for (int s = 0; s < n; s++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int kh = 0; kh < kH; kh++) {
                        for (int kw = 0; kw < kW; kw++) {
                            for (int y = 0; y < oH; y++) {
                                for (int x = 0; x < oW; x++) {
                                    int iy = y * dH - padH + kh * dilH;
                                    int ix = x * dW - padW + kw * dilW;
                                    double e = iy >= 0 && iy < h && ix >= 0 && ix < w
                                            ? im[((s * c + ch) * h + iy) * w + ix] : 0.0;
                                    int row = (ch * kH + kh) * kW + kw;
                                    assertEquals(e, cols[row * n * area + s * area + y * oW + x], 0.0);
                                }
                            }
                        }
                    }
                }
            }
            // <unfold(a), b> = <a, fold(b)>
            double[] b = new double[cols.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextDouble() - 0.5;
            }
            double[] fb = new double[im.length];
            java.util.Arrays.fill(fb, Double.NaN);
            Im2Col.foldBatch(b, n, c, h, w, kH, kW, dH, dW, padH, padW, dilH, dilW, oH, oW, fb);
            double left = 0;
            double right = 0;
            for (int i = 0; i < b.length; i++) {
                left += cols[i] * b[i];
            }
            for (int i = 0; i < im.length; i++) {
                right += im[i] * fb[i];
            }
            assertEquals(left, right, 1e-12);
        }
        assertEquals(0, Im2Col.outputSize(2, 3, 1, 0, 1));
        assertEquals(1, Im2Col.outputSize(1, 3, 1, 1, 1));
    }

    @Test
    void planeMajorPermutationsAreInverse() {
        double[] src = new double[2 * 3 * 4];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        double[] pm = new double[src.length];
        Im2Col.toPlaneMajor(src, 2, 3, 4, pm);
        assertEquals(src[(1 * 3 + 2) * 4 + 3], pm[(2 * 2 + 1) * 4 + 3], 0.0);
        double[] back = new double[src.length];
        Im2Col.fromPlaneMajor(pm, 2, 3, 4, back);
        for (int i = 0; i < src.length; i++) {
            assertEquals(src[i], back[i], 0.0);
        }
    }
}
