package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Fields;
import io.github.nn4j.torch7.T7Table;

/**
 * The common half of the three spatial padding modules (package-private): the four pads, and a
 * source map per output row and column (the input row or column it copies, or −1 for a zero),
 * built once per input size by the subclass's rule, so that forward and backward are plain
 * loops. Negative pads crop. Backward adds each gradOutput element to its source, in the output's
 * row-major order (as THNN does).
 */
abstract class SpatialPadding extends Module<Tensor, Tensor> {

    /** The pads: left, right, top, bottom (Torch's {@code pad_l}, ...). */
    final int padL;
    final int padR;
    final int padT;
    final int padB;
    private int[] srcRow = new int[0];
    private int[] srcCol = new int[0];
    private int mapH = -1;
    private int mapW = -1;

    SpatialPadding(int padL, int padR, int padT, int padB) {
        super(Tensor.empty(), Tensor.empty());
        this.padL = padL;
        this.padR = padR;
        this.padT = padT;
        this.padB = padB;
    }

    /** @return the left pad */
    public int padLeft() {
        return padL;
    }

    /** @return the right pad */
    public int padRight() {
        return padR;
    }

    /** @return the top pad */
    public int padTop() {
        return padT;
    }

    /** @return the bottom pad */
    public int padBottom() {
        return padB;
    }

    /**
     * The input position that output position {@code o} copies, or −1 for a zero.
     *
     * @param o the output row or column
     * @param in the input size along that axis
     * @param before the pad before (top or left)
     * @return the source, in {@code [0, in)} or −1
     */
    abstract int source(int o, int in, int before);

    /** Whether the input size is acceptable (beyond a positive output size). */
    boolean accepts(int ih, int iw) {
        return true;
    }

    /** The condition {@link #accepts} checks, for the error message. */
    String condition() {
        return "H + " + padT + " + " + padB + " >= 1 and W + " + padL + " + " + padR + " >= 1";
    }

    private void prepare(Tensor input) {
        boolean ok = Spatial.isSpatial(input);
        int ih = ok ? Spatial.height(input) : 0;
        int iw = ok ? Spatial.width(input) : 0;
        if (!ok || ih + padT + padB < 1 || iw + padL + padR < 1 || !accepts(ih, iw)) {
            throw shapeError(Spatial.expected(condition()), input);
        }
        if (ih != mapH) {
            srcRow = new int[ih + padT + padB];
            for (int i = 0; i < srcRow.length; i++) {
                srcRow[i] = source(i, ih, padT);
            }
            mapH = ih;
        }
        if (iw != mapW) {
            srcCol = new int[iw + padL + padR];
            for (int j = 0; j < srcCol.length; j++) {
                srcCol[j] = source(j, iw, padL);
            }
            mapW = iw;
        }
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        prepare(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int oh = srcRow.length;
        int ow = srcCol.length;
        Spatial.resizeSpatial(output, input, oh, ow);
        double[] x = input.data();
        double[] y = output.data();
        int[] rows = srcRow;
        int[] cols = srcCol;
        int planes = Spatial.planes(input);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oh; i++) {
                int r = rows[i];
                if (r < 0) {
                    for (int j = 0; j < ow; j++) {
                        y[o++] = 0;
                    }
                    continue;
                }
                int row = base + r * iw;
                for (int j = 0; j < ow; j++) {
                    int c = cols[j];
                    y[o++] = c < 0 ? 0 : x[row + c];
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        prepare(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int oh = srcRow.length;
        int ow = srcCol.length;
        Spatial.checkGradOutput(this, input, gradOutput, oh, ow);
        Spatial.resizeAs(gradInput, input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int[] rows = srcRow;
        int[] cols = srcCol;
        int planes = Spatial.planes(input);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oh; i++) {
                int r = rows[i];
                if (r < 0) {
                    o += ow;
                    continue;
                }
                int row = base + r * iw;
                for (int j = 0; j < ow; j++, o++) {
                    int c = cols[j];
                    if (c >= 0) {
                        gi[row + c] += g[o];
                    }
                }
            }
        }
        return gradInput;
    }

    /** Torch's {@code (l=1, r=2, t=0, b=1)}, with or without the spaces. */
    String pads(String sep) {
        return "(l=" + padL + "," + sep + "r=" + padR + "," + sep + "t=" + padT + "," + sep + "b=" + padB + ")";
    }

    /** The four pads as Torch reads them: {@code pad_l} required, the others default to it. */
    static int[] readPads(T7Fields o) {
        int l = o.getInt("pad_l");
        return new int[] {l, o.getInt("pad_r", l), o.getInt("pad_t", l), o.getInt("pad_b", l)};
    }

    static void writePads(SpatialPadding m, T7Table f) {
        f.put("pad_l", (double) m.padL);
        f.put("pad_r", (double) m.padR);
        f.put("pad_t", (double) m.padT);
        f.put("pad_b", (double) m.padB);
    }
}
