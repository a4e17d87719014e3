package io.github.nn4j.ops;

import java.util.Arrays;

/**
 * The unfold (im2col) and fold (col2im) kernels behind every im2col convolution
 * ({@code SpatialConvolution}, {@code SpatialConvolutionMM}, {@code SpatialDilatedConvolution},
 * {@code SpatialFullConvolution}, {@code SpatialConvolutionLocal}), kept once (THNN
 * {@code unfold.c} and the {@code im2col}/{@code col2im} of {@code SpatialDilatedConvolution.c}).
 *
 * <p>An image is {@code channels × height × width}, row-major, at an offset of a {@code double[]}.
 * Its columns matrix has one row per {@code (c, kh, kw)} (row {@code (c·kH + kh)·kW + kw}) and one
 * column per output position {@code (y, x)} (column {@code y·oW + x}); entry
 * {@code im[c][y·dH − padH + kh·dilH][x·dW − padW + kw·dilW]}, or 0 in the padding. A batch of
 * {@code N} images unfolds into one matrix {@code [C·kH·kW, N·oH·oW]} (sample {@code n} in columns
 * {@code n·oH·oW …}), so that a convolution layer is one large matrix product.
 *
 * <p>Plain loops over {@code double[]}: a row of the padded-free middle is one
 * {@code System.arraycopy} when the stride is 1. Nothing is allocated.
 */
public final class Im2Col {

    private Im2Col() {
    }

    /**
     * The output extent along one axis, {@code (in + 2·pad − (dil·(k − 1) + 1)) / stride + 1}, or
     * 0 when the padded input is smaller than the (dilated) kernel.
     *
     * @param in the input extent
     * @param k the kernel extent
     * @param stride the stride, positive
     * @param pad the zero padding on each side
     * @param dilation the dilation, positive
     * @return the output extent, or 0
     */
    public static int outputSize(int in, int k, int stride, int pad, int dilation) {
        int span = dilation * (k - 1) + 1;
        int room = in + 2 * pad - span;
        return room < 0 ? 0 : room / stride + 1;
    }

    /**
     * Unfolds one image into columns {@code colOff …} of the rows of {@code cols} (row stride
     * {@code ldc}); writes every entry of those {@code oH·oW} columns of its {@code C·kH·kW} rows.
     *
     * @param im the image, not modified
     * @param imOff where the image starts
     * @param channels C
     * @param height H
     * @param width W
     * @param kH kernel height
     * @param kW kernel width
     * @param dH vertical stride
     * @param dW horizontal stride
     * @param padH vertical padding
     * @param padW horizontal padding
     * @param dilH vertical dilation
     * @param dilW horizontal dilation
     * @param oH output height
     * @param oW output width
     * @param cols the columns, modified
     * @param colOff the first column
     * @param ldc the row length of {@code cols}
     */
    public static void unfold(double[] im, int imOff, int channels, int height, int width, int kH, int kW,
            int dH, int dW, int padH, int padW, int dilH, int dilW, int oH, int oW, double[] cols, int colOff,
            int ldc) {
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = imOff + c * height * width;
            for (int kh = 0; kh < kH; kh++) {
                for (int kw = 0; kw < kW; kw++, row++) {
                    int xOff = kw * dilW - padW;
                    int x0 = first(xOff, dW, oW);
                    int x1 = end(xOff, dW, width, oW, x0);
                    int base = colOff + row * ldc;
                    for (int y = 0; y < oH; y++) {
                        int iy = y * dH - padH + kh * dilH;
                        int d = base + y * oW;
                        if (iy < 0 || iy >= height) {
                            Arrays.fill(cols, d, d + oW, 0.0);
                            continue;
                        }
                        if (x0 > 0) {
                            Arrays.fill(cols, d, d + x0, 0.0);
                        }
                        int s = plane + iy * width + xOff;
                        if (dW == 1) {
                            System.arraycopy(im, s + x0, cols, d + x0, x1 - x0);
                        } else {
                            for (int x = x0; x < x1; x++) {
                                cols[d + x] = im[s + x * dW];
                            }
                        }
                        if (x1 < oW) {
                            Arrays.fill(cols, d + x1, d + oW, 0.0);
                        }
                    }
                }
            }
        }
    }

    /**
     * Folds columns back into one image: adds every entry that {@link #unfold} would have read
     * from {@code im[c][iy][ix]} to it (the adjoint of {@code unfold}; padding entries are dropped).
     * The image is accumulated into, not cleared.
     *
     * @param cols the columns, not modified
     * @param colOff the first column
     * @param ldc the row length of {@code cols}
     * @param channels C
     * @param height H
     * @param width W
     * @param kH kernel height
     * @param kW kernel width
     * @param dH vertical stride
     * @param dW horizontal stride
     * @param padH vertical padding
     * @param padW horizontal padding
     * @param dilH vertical dilation
     * @param dilW horizontal dilation
     * @param oH output height
     * @param oW output width
     * @param im the image, modified (accumulated)
     * @param imOff where the image starts
     */
    public static void fold(double[] cols, int colOff, int ldc, int channels, int height, int width, int kH,
            int kW, int dH, int dW, int padH, int padW, int dilH, int dilW, int oH, int oW, double[] im,
            int imOff) {
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = imOff + c * height * width;
            for (int kh = 0; kh < kH; kh++) {
                for (int kw = 0; kw < kW; kw++, row++) {
                    int xOff = kw * dilW - padW;
                    int x0 = first(xOff, dW, oW);
                    int x1 = end(xOff, dW, width, oW, x0);
                    int base = colOff + row * ldc;
                    for (int y = 0; y < oH; y++) {
                        int iy = y * dH - padH + kh * dilH;
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        int d = base + y * oW;
                        int s = plane + iy * width + xOff;
                        if (dW == 1) {
                            for (int x = x0; x < x1; x++) {
                                im[s + x] += cols[d + x];
                            }
                        } else {
                            for (int x = x0; x < x1; x++) {
                                im[s + x * dW] += cols[d + x];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Unfolds a batch {@code [N, C, H, W]} into {@code cols = [C·kH·kW, N·oH·oW]}.
     *
     * @param im the batch, not modified
     * @param batch N
     * @param channels C
     * @param height H
     * @param width W
     * @param kH kernel height
     * @param kW kernel width
     * @param dH vertical stride
     * @param dW horizontal stride
     * @param padH vertical padding
     * @param padW horizontal padding
     * @param dilH vertical dilation
     * @param dilW horizontal dilation
     * @param oH output height
     * @param oW output width
     * @param cols the columns, overwritten
     */
    public static void unfoldBatch(double[] im, int batch, int channels, int height, int width, int kH, int kW,
            int dH, int dW, int padH, int padW, int dilH, int dilW, int oH, int oW, double[] cols) {
        int area = oH * oW;
        int image = channels * height * width;
        for (int n = 0; n < batch; n++) {
            unfold(im, n * image, channels, height, width, kH, kW, dH, dW, padH, padW, dilH, dilW, oH, oW, cols,
                    n * area, batch * area);
        }
    }

    /**
     * Folds {@code cols = [C·kH·kW, N·oH·oW]} into a batch {@code [N, C, H, W]}, which is first
     * set to zero (its first {@code N·C·H·W} entries).
     *
     * @param cols the columns, not modified
     * @param batch N
     * @param channels C
     * @param height H
     * @param width W
     * @param kH kernel height
     * @param kW kernel width
     * @param dH vertical stride
     * @param dW horizontal stride
     * @param padH vertical padding
     * @param padW horizontal padding
     * @param dilH vertical dilation
     * @param dilW horizontal dilation
     * @param oH output height
     * @param oW output width
     * @param im the batch, overwritten
     */
    public static void foldBatch(double[] cols, int batch, int channels, int height, int width, int kH, int kW,
            int dH, int dW, int padH, int padW, int dilH, int dilW, int oH, int oW, double[] im) {
        int area = oH * oW;
        int image = channels * height * width;
        Arrays.fill(im, 0, batch * image, 0.0);
        for (int n = 0; n < batch; n++) {
            fold(cols, n * area, batch * area, channels, height, width, kH, kW, dH, dW, padH, padW, dilH, dilW,
                    oH, oW, im, n * image);
        }
    }

    /**
     * {@code [N, P, A] → [P, N·A]}: {@code dst[p][n·A + a] = src[n][p][a]}.
     *
     * @param src the source, not modified
     * @param batch N
     * @param planes P
     * @param area A
     * @param dst the destination, overwritten; not {@code src}
     */
    public static void toPlaneMajor(double[] src, int batch, int planes, int area, double[] dst) {
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < planes; p++) {
                System.arraycopy(src, (n * planes + p) * area, dst, (p * batch + n) * area, area);
            }
        }
    }

    /**
     * {@code [P, N·A] → [N, P, A]}, the inverse of {@link #toPlaneMajor}.
     *
     * @param src the source, not modified
     * @param batch N
     * @param planes P
     * @param area A
     * @param dst the destination, overwritten; not {@code src}
     */
    public static void fromPlaneMajor(double[] src, int batch, int planes, int area, double[] dst) {
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < planes; p++) {
                System.arraycopy(src, (p * batch + n) * area, dst, (n * planes + p) * area, area);
            }
        }
    }

    /** The first x with {@code x·stride + off >= 0}, at most {@code o}. */
    private static int first(int off, int stride, int o) {
        if (off >= 0) {
            return 0;
        }
        return Math.min(o, (-off + stride - 1) / stride);
    }

    /** One past the last x with {@code x·stride + off < width}, at least {@code x0}. */
    private static int end(int off, int stride, int width, int o, int x0) {
        int room = width - off;
        int e = room <= 0 ? 0 : Math.min(o, (room + stride - 1) / stride);
        return Math.max(e, x0);
    }
}
