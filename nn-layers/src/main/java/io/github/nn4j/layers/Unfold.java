package io.github.nn4j.layers;

import org.ejml.data.DMatrixRMaj;

import io.github.nn4j.Tensor;

/**
 * The unfold kernels of the temporal and volumetric layers (package-private), and matrix views
 * for {@link io.github.nn4j.linalg.Gemm}.
 *
 * <p><b>Matrix views.</b> {@link #view} makes a reused tensor a two-dimensional view of another
 * tensor's storage (e.g. a {@code [B, T, F]} tensor as a {@code (B·T) × F} matrix), so a product
 * over a whole tensor is one GEMM on whole matrices, without a copy and without offsets. The view
 * is a {@link Tensor} field of the module (not a bare {@code DMatrixRMaj}), so that
 * {@code Module.copy()} gives the copy its own.
 *
 * <p><b>vol2col</b> ({@link #vol2col}, {@link #col2vol}) is Torch's {@code unfolded_copy_vol} /
 * {@code unfolded_acc_vol} ({@code VolumetricConvolutionMM.c}): row
 * {@code r = ((c·kT + kt)·kH + kh)·kW + kw} of the column matrix holds, for every output position
 * {@code (t, y, x)}, the input value at {@code (c, t·dT − pT + kt, y·dH − pH + kh, x·dW − pW + kw)}
 * (0 in the padding). One sample writes the columns {@code [colOffset, colOffset + oT·oH·oW)} of
 * rows of length {@code ld}, so a whole batch can sit side by side in one matrix.
 */
final class Unfold {

    private Unfold() {
    }

    /**
     * Makes {@code view} a {@code rows × cols} view of all of {@code src}'s elements (sharing its
     * storage) and returns its matrix, allocating nothing when the shape is unchanged.
     *
     * @param view the reused view tensor, modified
     * @param shape a reused {@code int[2]}, modified
     * @param src the tensor to view, {@code rows·cols} elements
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the view's matrix
     */
    static DMatrixRMaj view(Tensor view, int[] shape, Tensor src, int rows, int cols) {
        shape[0] = rows;
        shape[1] = cols;
        view.setView(src, shape);
        return view.matrix();
    }

    /**
     * Whether {@code t} has the size {@code [a]} ({@code b, c < 0}), {@code [a, b]} ({@code c < 0})
     * or {@code [a, b, c]}, without the array a varargs {@code hasSize} call allocates.
     *
     * @param t the tensor
     * @param a the first size
     * @param b the second size, or −1
     * @param c the third size, or −1
     * @return whether the sizes match
     */
    static boolean hasSize(Tensor t, int a, int b, int c) {
        int d = b < 0 ? 1 : c < 0 ? 2 : 3;
        return t.dim() == d && t.size(0) == a && (d < 2 || t.size(1) == b) && (d < 3 || t.size(2) == c);
    }

    /** The geometry of a volumetric window: kernel, stride, padding and the sizes it maps between. */
    record Geometry(int planes, int iT, int iH, int iW, int kT, int kH, int kW, int dT, int dH, int dW,
            int pT, int pH, int pW, int oT, int oH, int oW) {

        /** The number of output positions {@code oT·oH·oW}. */
        int positions() {
            return oT * oH * oW;
        }

        /** The number of rows of the column matrix, {@code planes·kT·kH·kW}. */
        int rows() {
            return planes * kT * kH * kW;
        }

        /** The number of input elements of one sample, {@code planes·iT·iH·iW}. */
        int inputVolume() {
            return planes * iT * iH * iW;
        }
    }

    /**
     * Copies one sample's windows into the column matrix (overwrites the sample's columns).
     *
     * @param g the geometry
     * @param in the input array
     * @param inOffset where the sample starts in {@code in}
     * @param cols the column matrix, rows of length {@code ld}, modified
     * @param colOffset the sample's first column
     * @param ld the row length of {@code cols}
     */
    static void vol2col(Geometry g, double[] in, int inOffset, double[] cols, int colOffset, int ld) {
        int plane = g.iT * g.iH * g.iW;
        int r = 0;
        for (int c = 0; c < g.planes; c++) {
            int src = inOffset + c * plane;
            for (int kt = 0; kt < g.kT; kt++) {
                for (int kh = 0; kh < g.kH; kh++) {
                    for (int kw = 0; kw < g.kW; kw++, r++) {
                        int dst = r * ld + colOffset;
                        for (int t = 0; t < g.oT; t++) {
                            int it = t * g.dT - g.pT + kt;
                            boolean tIn = it >= 0 && it < g.iT;
                            for (int y = 0; y < g.oH; y++) {
                                int iy = y * g.dH - g.pH + kh;
                                boolean rowIn = tIn && iy >= 0 && iy < g.iH;
                                int base = src + (it * g.iH + iy) * g.iW;
                                for (int x = 0; x < g.oW; x++, dst++) {
                                    int ix = x * g.dW - g.pW + kw;
                                    cols[dst] = rowIn && ix >= 0 && ix < g.iW ? in[base + ix] : 0.0;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds one sample's columns back onto the input positions they came from (the adjoint of
     * {@link #vol2col}); the caller zeroes the sample first.
     *
     * @param g the geometry
     * @param cols the column matrix, rows of length {@code ld}
     * @param colOffset the sample's first column
     * @param ld the row length of {@code cols}
     * @param out the gradInput array, modified
     * @param outOffset where the sample starts in {@code out}
     */
    static void col2vol(Geometry g, double[] cols, int colOffset, int ld, double[] out, int outOffset) {
        int plane = g.iT * g.iH * g.iW;
        int r = 0;
        for (int c = 0; c < g.planes; c++) {
            int dstPlane = outOffset + c * plane;
            for (int kt = 0; kt < g.kT; kt++) {
                for (int kh = 0; kh < g.kH; kh++) {
                    for (int kw = 0; kw < g.kW; kw++, r++) {
                        int src = r * ld + colOffset;
                        for (int t = 0; t < g.oT; t++) {
                            int it = t * g.dT - g.pT + kt;
                            boolean tIn = it >= 0 && it < g.iT;
                            for (int y = 0; y < g.oH; y++) {
                                int iy = y * g.dH - g.pH + kh;
                                boolean rowIn = tIn && iy >= 0 && iy < g.iH;
                                int base = dstPlane + (it * g.iH + iy) * g.iW;
                                for (int x = 0; x < g.oW; x++, src++) {
                                    int ix = x * g.dW - g.pW + kw;
                                    if (rowIn && ix >= 0 && ix < g.iW) {
                                        out[base + ix] += cols[src];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
