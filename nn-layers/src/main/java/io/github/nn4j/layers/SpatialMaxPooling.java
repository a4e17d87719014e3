package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Tensor;

/**
 * Max pooling over {@code kW × kH} windows moved by {@code dW, dH} over each plane, with implicit
 * {@code -∞} padding {@code padW, padH} (Torch's {@code nn.SpatialMaxPooling},
 * {@code SpatialMaxPooling.lua}, THNN {@code SpatialDilatedMaxPooling.c} with dilation 1):
 * {@code y[c, i, j] = max x[c, i·dH − padH + u, j·dW − padW + v]} over the window inside the
 * input. The first maximum in row-major order wins a tie (a NaN always wins, as in THNN);
 * backward sends each gradOutput element to its window's argmax, kept in {@link #indices()}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output, indices</td><td>{@code [C, oH, oW]}</td><td>{@code [N, C, oH, oW]}</td></tr>
 * </table>
 * {@code oH = floor((H − kH + 2·padH) / dH) + 1} ({@code ceil} after {@link #ceil()}), one less
 * when the last window would start past {@code H + padH}; the same for {@code oW}.
 *
 * <p><b>Differences from Torch:</b> {@link #indices()} are 0-based positions {@code y·W + x}
 * within a plane (Torch's {@code indices} LongTensor holds them 1-based; the {@code .t7} codec
 * converts). A window of only {@code -∞} points at its first element, where THNN keeps index 0
 * (out of range); a ceil-mode window wholly outside the input without padding is dropped (see
 * {@link Spatial#poolOutputSize}).
 */
public class SpatialMaxPooling extends PaddedPooling {

    private int[] indices = new int[0];
    /** The input height and width of the last forward (Torch's {@code iheight}, {@code iwidth}); 0 before. */
    private int inputHeight;
    private int inputWidth;
    /** The planes, height and width of the indices (the last output's), for the unpooling's check. */
    private int indexPlanes;
    private int indexHeight;
    private int indexWidth;

    /**
     * Windows of {@code kW × kH} moved by their own size, no padding.
     *
     * @param kW the window width, positive
     * @param kH the window height, positive
     */
    public SpatialMaxPooling(int kW, int kH) {
        this(kW, kH, kW, kH, 0, 0);
    }

    /**
     * Windows moved by {@code dW, dH}, no padding.
     *
     * @param kW the window width, positive
     * @param kH the window height, positive
     * @param dW the horizontal step, positive
     * @param dH the vertical step, positive
     */
    public SpatialMaxPooling(int kW, int kH, int dW, int dH) {
        this(kW, kH, dW, dH, 0, 0);
    }

    /**
     * Windows moved by {@code dW, dH} over the input padded by {@code padW, padH}.
     *
     * @param kW the window width, positive
     * @param kH the window height, positive
     * @param dW the horizontal step, positive
     * @param dH the vertical step, positive
     * @param padW the padding left and right, at most {@code kW / 2}
     * @param padH the padding top and bottom, at most {@code kH / 2}
     */
    public SpatialMaxPooling(int kW, int kH, int dW, int dH, int padW, int padH) {
        super("nn.SpatialMaxPooling", kW, kH, dW, dH, padW, padH);
    }

    /**
     * Rounds the output size up (Torch's {@code ceil()}).
     *
     * @return this
     */
    public SpatialMaxPooling ceil() {
        ceilMode = true;
        return this;
    }

    /**
     * Rounds the output size down, the default (Torch's {@code floor()}).
     *
     * @return this
     */
    public SpatialMaxPooling floor() {
        ceilMode = false;
        return this;
    }







    /**
     * The argmax of each output element of the last forward: its 0-based position {@code y·W + x}
     * within its input plane, in the output's row-major order (the module's own array, valid up to
     * {@code output().numel()}, overwritten by the next forward).
     *
     * @return the indices
     */
    public int[] indices() {
        return indices;
    }

    /** Whether {@code t} has the planes, height and width of the indices (false before a forward). */
    boolean matchesIndices(Tensor t) {
        return inputHeight > 0 && Spatial.isSpatial(t) && Spatial.planes(t) == indexPlanes
                && Spatial.height(t) == indexHeight && Spatial.width(t) == indexWidth;
    }

    /** The indices' shape, for messages. */
    String indexShape() {
        return inputHeight == 0 ? "none (no forward yet)" : indexPlanes + " planes of " + indexHeight + "x" + indexWidth;
    }

    /** @return the input height of the last forward, 0 before any */
    int inputHeight() {
        return inputHeight;
    }

    /** @return the input width of the last forward, 0 before any */
    int inputWidth() {
        return inputWidth;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        check(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int oh = outH(ih);
        int ow = outW(iw);
        int planes = Spatial.planes(input);
        Spatial.resizeSpatial(output, input, oh, ow);
        indices = Spatial.ensure(indices, planes * oh * ow);
        inputHeight = ih;
        inputWidth = iw;
        indexPlanes = planes;
        indexHeight = oh;
        indexWidth = ow;
        double[] x = input.data();
        double[] y = output.data();
        int[] ind = indices;
        if (kW == 2 && kH == 2 && dW == 2 && dH == 2 && padW == 0 && padH == 0 && 2 * oh <= ih && 2 * ow <= iw) {
            pool2x2(x, y, ind, planes, ih, iw, oh, ow);
            return output;
        }
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oh; i++) {
                int hs = i * dH - padH;
                int he = Math.min(hs + kH, ih);
                hs = Math.max(hs, 0);
                for (int j = 0; j < ow; j++, o++) {
                    int ws = j * dW - padW;
                    int we = Math.min(ws + kW, iw);
                    ws = Math.max(ws, 0);
                    double max = Double.NEGATIVE_INFINITY;
                    int arg = hs * iw + ws;
                    for (int r = hs; r < he; r++) {
                        int row = base + r * iw;
                        for (int c = ws; c < we; c++) {
                            double v = x[row + c];
                            if (v > max || v != v) {
                                max = v;
                                arg = r * iw + c;
                            }
                        }
                    }
                    y[o] = max;
                    ind[o] = arg;
                }
            }
        }
        return output;
    }

    /**
     * The 2x2, stride-2, unpadded case with every window inside the input (LeNet's, VGG's): the
     * general loop unrolled, with the same four comparisons in the same order (row-major within the
     * window, {@code v > max || v != v}, so the first maximum wins and a NaN propagates with the
     * index of the last NaN).
     */
    private static void pool2x2(double[] x, double[] y, int[] ind, int planes, int ih, int iw, int oh, int ow) {
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oh; i++) {
                int r0 = 2 * i * iw;
                int r1 = r0 + iw;
                for (int j = 0; j < ow; j++, o++) {
                    int a0 = r0 + 2 * j;
                    int a2 = r1 + 2 * j;
                    double max = Double.NEGATIVE_INFINITY;
                    int arg = a0;
                    double v = x[base + a0];
                    if (v > max || v != v) {
                        max = v;
                    }
                    v = x[base + a0 + 1];
                    if (v > max || v != v) {
                        max = v;
                        arg = a0 + 1;
                    }
                    v = x[base + a2];
                    if (v > max || v != v) {
                        max = v;
                        arg = a2;
                    }
                    v = x[base + a2 + 1];
                    if (v > max || v != v) {
                        max = v;
                        arg = a2 + 1;
                    }
                    y[o] = max;
                    ind[o] = arg;
                }
            }
        }
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        check(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int oh = outH(ih);
        int ow = outW(iw);
        Spatial.checkGradOutput(this, input, gradOutput, oh, ow);
        Spatial.resizeAs(gradInput, input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int[] ind = indices;
        int planes = Spatial.planes(input);
        int per = oh * ow;
        for (int p = 0, o = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int e = 0; e < per; e++, o++) {
                gi[base + ind[o]] += g[o];
            }
        }
        return gradInput;
    }

    @Override
    public SpatialMaxPooling clearState() {
        super.clearState();
        indices = new int[0];
        inputHeight = 0;
        inputWidth = 0;
        return this;
    }

    /** {@code nn.SpatialMaxPooling(3x3, 2,2)}, with {@code , padW,padH} when padded. */
    @Override
    public String toString() {
        String s = "nn.SpatialMaxPooling(" + kW + "x" + kH + ", " + dW + "," + dH;
        if (padW != 0 || padH != 0) {
            s += ", " + padW + "," + padH;
        }
        return s + ")";
    }

    /** Loads Torch's indices (1-based LongTensor, shaped like the output) when the file holds some. */
    private void loadIndices(Tensor luaIndices, int ih, int iw) {
        if (luaIndices == null || luaIndices.dim() < 3 || luaIndices.numel() == 0 || ih <= 0 || iw <= 0) {
            return;
        }
        int n = luaIndices.numel();
        indices = new int[n];
        double[] d = luaIndices.data();
        for (int i = 0; i < n; i++) {
            int v = (int) d[i] - 1;
            if (v < 0 || v >= ih * iw) {
                throw new IllegalArgumentException("indices hold " + d[i] + ", outside 1.." + ih * iw);
            }
            indices[i] = v;
        }
        inputHeight = ih;
        inputWidth = iw;
        indexHeight = Spatial.height(luaIndices);
        indexWidth = Spatial.width(luaIndices);
        indexPlanes = n / (indexHeight * indexWidth);
    }

    /** The indices as Torch stores them: a 1-based LongTensor shaped like the output (empty before a forward). */
    T7Tensor luaIndices() {
        if (inputHeight == 0) {
            return T7Tensor.empty(T7ElementType.LONG);
        }
        int n = indexPlanes * indexHeight * indexWidth;
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = indices[i] + 1L;
        }
        if (output.numel() != n) {
            // indices read from a file, before any forward here
            return T7Tensor.contiguous(T7Storage.wrap(l), indexPlanes, indexHeight, indexWidth);
        }
        long[] sz = new long[output.dim()];
        for (int d = 0; d < sz.length; d++) {
            sz[d] = output.size(d);
        }
        return T7Tensor.contiguous(T7Storage.wrap(l), sz);
    }

    /** Fields kW, kH, dW, dH, padW, padH, ceil_mode, indices (and iheight, iwidth after a forward). */
    static final T7Codec<SpatialMaxPooling> T7 = LuaFields.codec("nn.SpatialMaxPooling", SpatialMaxPooling.class,
            (o, in) -> {
                int kW = o.getInt("kW");
                int kH = o.getInt("kH");
                SpatialMaxPooling m = new SpatialMaxPooling(kW, kH, o.getInt("dW", kW), o.getInt("dH", kH),
                        o.getInt("padW", 0), o.getInt("padH", 0));
                if (LuaFields.truthy(o.get("ceil_mode"))) {
                    m.ceil();
                }
                m.loadIndices(in.optTensor(o, "indices"), o.getInt("iheight", 0), o.getInt("iwidth", 0));
                return m;
            }, (m, f, out) -> {
                f.put("kW", (double) m.kW);
                f.put("kH", (double) m.kH);
                f.put("dW", (double) m.dW);
                f.put("dH", (double) m.dH);
                f.put("padW", (double) m.padW);
                f.put("padH", (double) m.padH);
                f.put("ceil_mode", m.ceilMode);
                f.put("indices", m.luaIndices());
                if (m.inputHeight > 0) {
                    f.put("iheight", (double) m.inputHeight);
                    f.put("iwidth", (double) m.inputWidth);
                }
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialMaxPooling training() {
        super.training();
        return this;
    }

    @Override
    public SpatialMaxPooling evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialMaxPooling reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialMaxPooling reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
