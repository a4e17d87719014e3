package io.github.nn4j.examples.bench;

import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import io.github.nn4j.linalg.Gemm;

/**
 * One matrix product of a training step: {@code C (m × n) = op(A) · op(B) + beta C} with inner
 * dimension {@code k}, written {@code "MxNxK:form"} where {@code form} is {@code NN}
 * ({@code A·B}), {@code NT} ({@code A·Bᵀ}), {@code TN} ({@code Aᵀ·B}) or {@code TT}.
 *
 * <p>A {@code Linear(in, out)} layer with batch size {@code B} multiplies three times per step:
 * <table>
 *   <caption>Products of one Linear layer</caption>
 *   <tr><th>step</th><th>product</th><th>shape m×n×k</th><th>form</th><th>beta</th></tr>
 *   <tr><td>forward</td><td>{@code X · Wᵀ}</td><td>{@code B × out × in}</td><td>NT</td><td>0</td></tr>
 *   <tr><td>gradInput</td><td>{@code G · W}</td><td>{@code B × in × out}</td><td>NN</td><td>0</td></tr>
 *   <tr><td>gradWeight</td><td>{@code Gᵀ · X}</td><td>{@code out × in × B}</td><td>TN</td><td>1</td></tr>
 * </table>
 *
 * @param name where the product comes from, e.g. {@code "wide fc1 forward"}
 * @param m rows of {@code C}
 * @param n columns of {@code C}
 * @param k the inner dimension
 * @param transA whether {@code op(A) = Aᵀ}
 * @param transB whether {@code op(B) = Bᵀ}
 * @param beta the factor of the old {@code C} (1 for gradient accumulation)
 */
public record GemmShape(String name, int m, int n, int k, boolean transA, boolean transB, double beta) {

    /** The three products of the wide network that dominate its training time. */
    public static final List<GemmShape> WIDE_KEY = List.of(
            parse("wide fc1 forward", "256x1024x784:NT", 0),
            parse("wide fc1 gradWeight", "1024x784x256:TN", 1),
            parse("wide fc2 gradInput", "256x1024x1024:NN", 0));

    /**
     * Every product of the three training workloads, layer by layer: tiny {@code 2-100-3} batch 300,
     * mnist {@code 784-256-10} batch 64, wide {@code 784-1024-1024-10} batch 256.
     */
    public static final List<GemmShape> WORKLOADS = List.copyOf(workloads());

    /**
     * Parses {@code "MxNxK:form"}.
     *
     * @param name the label
     * @param spec e.g. {@code "256x1024x784:NT"}
     * @param beta the factor of the old {@code C}
     * @return the shape
     * @throws IllegalArgumentException if {@code spec} is malformed
     */
    public static GemmShape parse(String name, String spec, double beta) {
        String[] parts = spec.split("[x:]");
        if (parts.length != 4 || parts[3].length() != 2 || !parts[3].matches("[NT][NT]")) {
            throw new IllegalArgumentException("GemmShape: expected MxNxK:form with form NN, NT, TN or TT, got " + spec);
        }
        return new GemmShape(name, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                parts[3].charAt(0) == 'T', parts[3].charAt(1) == 'T', beta);
    }

    /**
     * The shape as {@code "MxNxK:form"}.
     *
     * @return the spec {@link #parse} reads
     */
    public String spec() {
        return m + "x" + n + "x" + k + ":" + (transA ? 'T' : 'N') + (transB ? 'T' : 'N');
    }

    /**
     * Floating-point operations of one product ({@code 2 m n k}).
     *
     * @return the flop count
     */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /**
     * Allocates random operands and a result for this shape.
     *
     * @param seed the random seed
     * @return {@code {A, B, C}}
     */
    public DMatrixRMaj[] operands(long seed) {
        Random rnd = new Random(seed);
        DMatrixRMaj a = transA ? new DMatrixRMaj(k, m) : new DMatrixRMaj(m, k);
        DMatrixRMaj b = transB ? new DMatrixRMaj(n, k) : new DMatrixRMaj(k, n);
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        for (DMatrixRMaj x : new DMatrixRMaj[] {a, b, c}) {
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = rnd.nextDouble() - 0.5;
            }
        }
        return new DMatrixRMaj[] {a, b, c};
    }

    /**
     * One product through the {@link Gemm} facade (the fast kernel, or EJML where it wins).
     *
     * @param ops {@code {A, B, C}} from {@link #operands(long)}; {@code C} is modified
     */
    public void runFacade(DMatrixRMaj[] ops) {
        Gemm.gemm(transA, transB, 1.0, ops[0], ops[1], beta, ops[2]);
    }

    /**
     * The same product with EJML's {@code CommonOps_DDRM} only (the facade's previous kernel).
     *
     * @param ops {@code {A, B, C}} from {@link #operands(long)}; {@code C} is modified
     */
    public void runEjml(DMatrixRMaj[] ops) {
        DMatrixRMaj a = ops[0];
        DMatrixRMaj b = ops[1];
        DMatrixRMaj c = ops[2];
        if (beta == 0.0) {
            if (!transA && !transB) {
                CommonOps_DDRM.mult(a, b, c);
            } else if (transA && !transB) {
                CommonOps_DDRM.multTransA(a, b, c);
            } else if (!transA) {
                CommonOps_DDRM.multTransB(a, b, c);
            } else {
                CommonOps_DDRM.multTransAB(a, b, c);
            }
            return;
        }
        if (beta != 1.0) {
            CommonOps_DDRM.scale(beta, c);
        }
        if (!transA && !transB) {
            CommonOps_DDRM.multAdd(a, b, c);
        } else if (transA && !transB) {
            CommonOps_DDRM.multAddTransA(a, b, c);
        } else if (!transA) {
            CommonOps_DDRM.multAddTransB(a, b, c);
        } else {
            CommonOps_DDRM.multAddTransAB(a, b, c);
        }
    }

    private static List<GemmShape> workloads() {
        java.util.ArrayList<GemmShape> list = new java.util.ArrayList<>();
        linear(list, "tiny fc1", 300, 2, 100);
        linear(list, "tiny fc2", 300, 100, 3);
        linear(list, "mnist fc1", 64, 784, 256);
        linear(list, "mnist fc2", 64, 256, 10);
        linear(list, "wide fc1", 256, 784, 1024);
        linear(list, "wide fc2", 256, 1024, 1024);
        linear(list, "wide fc3", 256, 1024, 10);
        return list;
    }

    private static void linear(List<GemmShape> list, String layer, int batch, int in, int out) {
        list.add(new GemmShape(layer + " forward", batch, out, in, false, true, 0));
        list.add(new GemmShape(layer + " gradInput", batch, in, out, false, false, 0));
        list.add(new GemmShape(layer + " gradWeight", out, in, batch, true, false, 1));
    }
}
