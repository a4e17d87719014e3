package io.github.nn4j.layers;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Table;

/**
 * Swaps pairs of dimensions, in order: {@code Transpose({0, 3}, {0, 2})} swaps dimensions 0
 * and 3, then 0 and 2 of the result (Torch's {@code nn.Transpose}, {@code Transpose.lua}).
 * Backward undoes the swaps in reverse order.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>any, with more dimensions than every index of the pairs</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's sizes permuted</td></tr>
 * </table>
 *
 * <p><b>Differences from Torch:</b> dimensions are 0-based (Lua's pair {@code {1, 2}} is Java's
 * {@code {0, 1}}). Torch's transpose is a strided view that its {@code copy} makes contiguous;
 * nn4j copies into the reused {@code output}/{@code gradInput} directly.
 */
public class Transpose extends Module<Tensor, Tensor> {

    static final T7Codec<Transpose> T7 = LuaFields.codec("nn.Transpose", Transpose.class, (o, in) -> {
        Object p = o.get("permutations");
        if (!(p instanceof T7Table t) || !t.isList() && !t.isEmpty()) {
            throw in.error("nn.Transpose: permutations must be a list of {d1, d2} pairs");
        }
        List<int[]> pairs = new ArrayList<>();
        for (Object e : t.list()) {
            if (!(e instanceof T7Table pair) || pair.arrayLength() != 2 || !(pair.getAt(0) instanceof Double a)
                    || !(pair.getAt(1) instanceof Double b) || a < 1 || b < 1 || a != Math.rint(a) || b != Math.rint(b)) {
                throw in.error("nn.Transpose: each permutation must be a pair of positive dimensions, got " + e);
            }
            pairs.add(new int[] {(int) (a - 1), (int) (b - 1)});
        }
        return new Transpose(pairs.toArray(new int[0][]));
    }, (m, f, out) -> {
            T7Table perms = new T7Table();
            for (int[] pair : m.pairs) {
                perms.append(T7Table.listOf((double) (pair[0] + 1), (double) (pair[1] + 1)));
            }
            f.put("permutations", perms);
        });

    private final int[][] pairs;
    private int[] perm = new int[0];
    private int[] outSize = new int[0];
    private int[] inStride = new int[0];
    private int[] counter = new int[0];
    private int[] contiguousStride = new int[0];

    /**
     * Swaps each pair in turn.
     *
     * @param pairs pairs of 0-based dimensions, e.g. {@code new int[] {0, 1}}
     */
    public Transpose(int[]... pairs) {
        super(Tensor.empty(), Tensor.empty());
        this.pairs = new int[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            if (pairs[i] == null || pairs[i].length != 2 || pairs[i][0] < 0 || pairs[i][1] < 0) {
                throw new IllegalArgumentException("nn.Transpose: each permutation must be a pair of "
                        + "non-negative dimensions, got " + (pairs[i] == null ? null : java.util.Arrays.toString(pairs[i])));
            }
            this.pairs[i] = pairs[i].clone();
        }
    }

    /**
     * The pairs, 0-based.
     *
     * @return a copy of the pairs
     */
    public int[][] pairs() {
        int[][] c = new int[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            c[i] = pairs[i].clone();
        }
        return c;
    }

    /** Output dimension k is input dimension perm[k]. */
    private void plan(Tensor input) {
        int n = input.dim();
        if (perm.length != n) {
            perm = new int[n];
            outSize = new int[n];
            inStride = new int[n];
            counter = new int[n];
            contiguousStride = new int[n];
        }
        for (int k = 0; k < n; k++) {
            perm[k] = k;
        }
        for (int[] p : pairs) {
            if (p[0] >= n || p[1] >= n) {
                throw shapeError("more than " + Math.max(p[0], p[1]) + " dimensions", input);
            }
            int t = perm[p[0]];
            perm[p[0]] = perm[p[1]];
            perm[p[1]] = t;
        }
        int[] s = input.sizes();
        int stride = 1;
        int[] st = contiguousStride;
        for (int d = n - 1; d >= 0; d--) {
            st[d] = stride;
            stride *= s[d];
        }
        for (int k = 0; k < n; k++) {
            outSize[k] = s[perm[k]];
            inStride[k] = st[perm[k]];
        }
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        plan(input);
        ShapeOps.resize(output, outSize);
        walk(input.data(), output.data(), output.numel(), true);
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        plan(input);
        if (!gradOutput.hasSize(outSize)) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size " + ShapeOps.str(outSize) + " for input " + input.shapeString());
        }
        gradInput.resizeAs(input);
        walk(gradInput.data(), gradOutput.data(), gradOutput.numel(), false);
        return gradInput;
    }

    /** Visits the output in row-major order; {@code x} is the input-ordered array. */
    private void walk(double[] x, double[] y, int count, boolean forward) {
        int n = outSize.length;
        java.util.Arrays.fill(counter, 0);
        int off = 0;
        for (int i = 0; i < count; i++) {
            if (forward) {
                y[i] = x[off];
            } else {
                x[off] = y[i];
            }
            for (int d = n - 1; d >= 0; d--) {
                if (++counter[d] < outSize[d]) {
                    off += inStride[d];
                    break;
                }
                off -= (outSize[d] - 1) * inStride[d];
                counter[d] = 0;
            }
        }
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Transpose training() {
        super.training();
        return this;
    }

    @Override
    public Transpose evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Transpose reset() {
        super.reset();
        return this;
    }

    @Override
    public Transpose reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
