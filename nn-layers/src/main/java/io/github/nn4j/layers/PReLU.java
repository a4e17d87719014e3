package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * The parametric rectifier, {@code y = x} if {@code x > 0}, else {@code w·x} with a learnable
 * slope {@code w} (Torch's {@code nn.PReLU}, {@code PReLU.lua} and THNN {@code PReLU.c}; He et al.,
 * <i>Delving Deep into Rectifiers</i>, 2015): one slope shared by all elements
 * ({@code nOutputPlane = 0}), or one per plane.
 *
 * <p>The plane of an element is, as in THNN, its index along dimension 0 of a 1-D input and along
 * dimension 1 of any input of 2 or more dimensions (Torch's dimension 2): {@code [N, P]},
 * {@code [N, P, W]}, {@code [N, P, H, W]}, .... A 3-D {@code [P, H, W]} sample is therefore not
 * a non-batch image here, exactly as in Torch: its dimension 1 must equal {@code P}.
 *
 * <p>Backward: {@code gradInput = gradOutput} where {@code x > 0}, else {@code w·gradOutput};
 * {@code gradWeight += scale·Σ x·gradOutput} over the elements with {@code x ≤ 0} (of each
 * plane; summed per sample, then accumulated, as THNN).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>{@code PReLU()}</th><th>{@code PReLU(P)}</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>any</td>
 *       <td>{@code [P]}, or {@code [N, P, …]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td>{@code [1]}</td><td>{@code [P]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: every slope is 0.25, as Torch's constructor; Torch defines no
 * {@code reset}, so {@link #reset()} changes nothing and no random number is drawn. Prints
 * {@code nn.PReLU} (no {@code __tostring__} in Torch).
 */
public class PReLU extends Module<Tensor, Tensor> {

    /** Torch fields {@code nOutputPlane}, {@code weight}, {@code gradWeight}. */
    static final T7Codec<PReLU> T7 = LuaFields.codec("nn.PReLU", PReLU.class, PReLU::read, (m, f, out) -> {
        LuaFields.writeParameters(m, f, out);
        f.put("nOutputPlane", (double) m.nOutputPlane);
    });

    private final int nOutputPlane;
    private final Tensor weight;
    private final Tensor gradWeight;

    /** One slope shared by all elements. */
    public PReLU() {
        this(0);
    }

    /**
     * A parametric rectifier.
     *
     * @param nOutputPlane the number of planes, one slope each; 0 for one shared slope
     * @throws IllegalArgumentException if {@code nOutputPlane} is negative
     */
    public PReLU(int nOutputPlane) {
        super(Tensor.empty(), Tensor.empty());
        if (nOutputPlane < 0) {
            throw new IllegalArgumentException("nn.PReLU: nOutputPlane must be >= 0 (0: one shared slope), got "
                    + nOutputPlane);
        }
        this.nOutputPlane = nOutputPlane;
        weight = Tensor.filled(0.25, Math.max(nOutputPlane, 1));
        gradWeight = Tensor.zeros(Math.max(nOutputPlane, 1));
    }

    /**
     * The number of planes (0: one shared slope).
     *
     * @return nOutputPlane
     */
    public int nOutputPlane() {
        return nOutputPlane;
    }

    /**
     * The slopes (the module's own tensor).
     *
     * @return the weight
     */
    public Tensor weight() {
        return weight;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight));
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] y = output.data();
        double[] w = weight.data();
        if (nOutputPlane == 0) {
            double a = w[0];
            for (int i = 0; i < n; i++) {
                y[i] = x[i] > 0 ? x[i] : a * x[i];
            }
            return output;
        }
        int ks = planeSize(input);
        for (int i = 0, j = 0, k = 0; i < n; i++) {
            y[i] = x[i] > 0 ? x[i] : w[j] * x[i];
            if (++k == ks) {
                k = 0;
                if (++j == nOutputPlane) {
                    j = 0;
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] w = weight.data();
        if (nOutputPlane == 0) {
            double a = w[0];
            for (int i = 0; i < n; i++) {
                gi[i] = x[i] > 0 ? g[i] : a * g[i];
            }
            return gradInput;
        }
        int ks = planeSize(input);
        for (int i = 0, j = 0, k = 0; i < n; i++) {
            gi[i] = x[i] > 0 ? g[i] : g[i] * w[j];
            if (++k == ks) {
                k = 0;
                if (++j == nOutputPlane) {
                    j = 0;
                }
            }
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        Buffers.checkSameNumel(this, input, gradOutput);
        int n = input.numel();
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gw = gradWeight.data();
        if (nOutputPlane == 0) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if (x[i] <= 0) {
                    sum += x[i] * g[i];
                }
            }
            gw[0] += scale * sum;
            return;
        }
        int ks = planeSize(input);
        for (int start = 0, j = 0; start < n; start += ks) {
            double sum = 0;
            for (int i = start, end = start + ks; i < end; i++) {
                if (x[i] <= 0) {
                    sum += g[i] * x[i];
                }
            }
            gw[j] += scale * sum;
            if (++j == nOutputPlane) {
                j = 0;
            }
        }
    }

    /** The number of elements of one plane of one sample, after checking the plane count. */
    private int planeSize(Tensor input) {
        int d = input.dim();
        int planeDim = d > 1 ? 1 : 0;
        if (d == 0 || input.size(planeDim) != nOutputPlane) {
            throw shapeError("[" + nOutputPlane + "] or [N, " + nOutputPlane + ", ...] (" + nOutputPlane
                    + " planes in dimension " + planeDim + ")", input);
        }
        int ks = 1;
        for (int k = 2; k < d; k++) {
            ks *= input.size(k);
        }
        return ks;
    }

    private static PReLU read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        int planes = o.getInt("nOutputPlane", 0);
        if (planes < 0) {
            throw in.error("nn.PReLU: nOutputPlane " + planes + " is negative");
        }
        return LuaFields.readParameters(new PReLU(planes), o, in);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public PReLU training() {
        super.training();
        return this;
    }

    @Override
    public PReLU evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public PReLU reset() {
        super.reset();
        return this;
    }

    @Override
    public PReLU reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
