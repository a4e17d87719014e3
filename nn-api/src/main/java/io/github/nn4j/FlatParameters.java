package io.github.nn4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Torch's {@code getParameters()}: every learnable tensor of a module in one flat parameter
 * vector and every gradient in one flat gradient vector, so that an optimiser (or a user's own
 * update) can work on a single vector. Obtained from {@link Module#getParameters()}.
 *
 * <p><b>Layout</b> (as Torch's): depth-first module order, weight before bias, each tensor's
 * elements in row-major order; a tensor whose storage is shared with an earlier one (modules tied
 * by {@link Module#share}) is counted once, so {@link #size()} is the number of distinct learnable
 * scalars. {@link #offset(int)} gives where each of {@link #members()} starts (0-based).
 *
 * <p><b>How the module's tensors follow the flat vectors.</b> In Torch the modules' tensors are
 * re-pointed into the flat storage with an offset. An nn4j {@link Tensor} starts at index 0 of its
 * backing array, which the layers' loops and the {@link io.github.nn4j.linalg.Gemm} products rely
 * on, and a Java array cannot alias part of another; so here each module keeps its own arrays and
 * the flattened module keeps the two sides equal at its entry points, changing nothing in the
 * layers. A {@link #sync()} compares each element of both sides with its value at the previous
 * sync: an element changed in the flat vector is copied into the module, one changed in the module
 * is copied into the flat vector (if both changed, the flat vector wins). It runs
 * <ul>
 *   <li>in {@code forward(input)} of the flattened module (before the pass: the flat parameters
 *       are what the forward uses);</li>
 *   <li>in {@code backward(input, gradOutput)} (before: the flat gradient, for instance after
 *       {@code grads().zero()}, is what backward accumulates into; after: the accumulated
 *       gradient is in {@link #grads()});</li>
 *   <li>in {@code zeroGradParameters()} (both sides zeroed) and {@code updateParameters(lr)};</li>
 *   <li>when called: after writing the flat vector, before reading a module's own tensors without
 *       a forward (or after writing them, before reading the flat vector without one).</li>
 * </ul>
 * The cost is a pass over the parameters (three reads per element, writes only where they differ)
 * per forward and two per backward, only for a module that was flattened. Calls that bypass these
 * entry points (a child's forward, {@code updateOutput}, the three-argument {@code backward})
 * see the values of the last sync.
 *
 * <p>Unlike Torch, calling {@link Module#getParameters()} again returns the same object while the
 * module's parameter tensors are the same, so flat vectors handed out earlier keep working; a
 * module whose parameters changed (a layer added, a size changed) is flattened anew.
 */
public final class FlatParameters {

    private final Parameter[] members;
    private final int[] offsets;
    private final Tensor params;
    private final Tensor grads;
    private final double[] paramsAtSync;
    private final double[] gradsAtSync;

    private FlatParameters(List<Parameter> unique) {
        members = unique.toArray(new Parameter[0]);
        offsets = new int[members.length];
        long total = 0;
        for (int i = 0; i < members.length; i++) {
            offsets[i] = (int) total;
            total += members[i].value().numel();
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("getParameters: " + total + " parameters do not fit in one tensor");
            }
        }
        int n = (int) total;
        params = Tensor.zeros(n);
        grads = Tensor.zeros(n);
        double[] p = params.data();
        double[] g = grads.data();
        for (int i = 0; i < members.length; i++) {
            Tensor v = members[i].value();
            System.arraycopy(v.data(), 0, p, offsets[i], v.numel());
            Tensor d = members[i].grad();
            System.arraycopy(d.data(), 0, g, offsets[i], d.numel());
        }
        paramsAtSync = p.clone();
        gradsAtSync = g.clone();
    }

    /**
     * Flattens the given parameters, each distinct tensor once.
     *
     * @param module the module, for messages
     * @param all its parameters in Torch's order
     * @return the flat vectors
     * @throws IllegalArgumentException if a parameter's value is shared with another's but its
     *     gradient is not (Torch's getParameters fails on it too)
     */
    static FlatParameters of(Module<?, ?> module, List<Parameter> all) {
        return new FlatParameters(distinct(module, all));
    }

    private static List<Parameter> distinct(Module<?, ?> module, List<Parameter> all) {
        List<Parameter> unique = new ArrayList<>(all.size());
        for (Parameter p : all) {
            Parameter same = null;
            for (Parameter q : unique) {
                if (q.value().sharesStorageWith(p.value()) || q.grad().sharesStorageWith(p.grad())) {
                    same = q;
                    break;
                }
            }
            if (same == null) {
                unique.add(p);
            } else if (!same.value().sharesStorageWith(p.value()) || !same.grad().sharesStorageWith(p.grad())
                    || same.value().numel() != p.value().numel()) {
                throw new IllegalArgumentException("getParameters of " + module.torchTypeName() + ": parameter "
                        + p.name() + " " + p.value().shapeString() + " shares its "
                        + (same.value().sharesStorageWith(p.value()) ? "value" : "gradient") + " with " + same.name()
                        + " " + same.value().shapeString() + " but not its "
                        + (same.value().sharesStorageWith(p.value()) ? "gradient" : "value")
                        + "; share both (share(other, \"weight\", \"bias\", \"gradWeight\", \"gradBias\"))");
            }
        }
        return unique;
    }

    /**
     * Whether these flat vectors still describe the given parameter list (the same tensors, of
     * the same sizes, in the same order).
     */
    boolean describes(Module<?, ?> module, List<Parameter> all) {
        List<Parameter> unique;
        try {
            unique = distinct(module, all);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (unique.size() != members.length) {
            return false;
        }
        for (int i = 0; i < members.length; i++) {
            Parameter p = unique.get(i);
            Parameter q = members[i];
            if (p.value() != q.value() || p.grad() != q.grad() || !p.value().sharesStorageWith(q.value())
                    || !p.grad().sharesStorageWith(q.grad())
                    || p.value().numel() != (i + 1 < members.length ? offsets[i + 1] : params.numel()) - offsets[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The flat parameter vector, of size {@code [size()]} (Torch's first result).
     *
     * @return the vector (the same tensor on every call)
     */
    public Tensor params() {
        return params;
    }

    /**
     * The flat gradient vector, of size {@code [size()]} (Torch's second result).
     *
     * @return the vector (the same tensor on every call)
     */
    public Tensor grads() {
        return grads;
    }

    /**
     * The number of distinct learnable scalars.
     *
     * @return the length of both vectors
     */
    public int size() {
        return params.numel();
    }

    /**
     * The distinct parameters, in the order they are laid out.
     *
     * @return an unmodifiable list
     */
    public List<Parameter> members() {
        return Collections.unmodifiableList(java.util.Arrays.asList(members));
    }

    /**
     * Where a member starts in the flat vectors.
     *
     * @param member the index in {@link #members()}
     * @return the 0-based offset of its first element
     */
    public int offset(int member) {
        return offsets[member];
    }

    /**
     * Makes the modules' tensors and the flat vectors equal again (see the class comment): an
     * element changed on one side since the last sync is copied to the other, the flat side winning
     * when both changed.
     *
     * @return this
     */
    public FlatParameters sync() {
        syncParams();
        syncGrads();
        return this;
    }

    void syncParams() {
        double[] flat = params.data();
        for (int i = 0; i < members.length; i++) {
            merge(flat, paramsAtSync, members[i].value(), offsets[i]);
        }
    }

    void syncGrads() {
        double[] flat = grads.data();
        for (int i = 0; i < members.length; i++) {
            merge(flat, gradsAtSync, members[i].grad(), offsets[i]);
        }
    }

    /** Zeroes the flat gradient and every member's gradient. */
    void zeroGrads() {
        grads.zero();
        java.util.Arrays.fill(gradsAtSync, 0.0);
        for (Parameter p : members) {
            p.grad().zero();
        }
    }

    private static void merge(double[] flat, double[] atSync, Tensor t, int offset) {
        double[] m = t.data();
        int n = t.numel();
        for (int k = 0; k < n; k++) {
            int j = offset + k;
            long f = Double.doubleToRawLongBits(flat[j]);
            long s = Double.doubleToRawLongBits(atSync[j]);
            if (f != s) {
                m[k] = flat[j];
                atSync[j] = flat[j];
            } else if (Double.doubleToRawLongBits(m[k]) != s) {
                flat[j] = m[k];
                atSync[j] = m[k];
            }
        }
    }

    @Override
    public String toString() {
        return "FlatParameters(" + members.length + " tensors, " + size() + " elements)";
    }
}
