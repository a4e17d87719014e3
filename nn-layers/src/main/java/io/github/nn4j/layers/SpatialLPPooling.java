package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Container;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Table;

/**
 * Power-average pooling, {@code y = (Σ_window x^p)^(1/p)} over {@code kW × kH} windows moved by
 * {@code dW, dH} (Torch's {@code nn.SpatialLPPooling(nInputPlane, pnorm, kW, kH, dW, dH)},
 * {@code SpatialLPPooling.lua}). As in Torch it is a chain of four modules, run in order:
 * {@link Square} (or {@link Power}{@code (p)}), {@link SpatialAveragePooling}{@code (kW, kH, dW, dH)},
 * {@link MulConstant}{@code (kW·kH)}, {@link Sqrt} (or {@link Power}{@code (1/p)}); so its numbers
 * are those modules' (for {@code p ≠ 2} and negative inputs, {@code x^p} is NaN as in Torch).
 * It has no parameters; {@code dW, dH} default to {@code kW, kH}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, oH, oW]}</td><td>{@code [N, C, oH, oW]}</td></tr>
 * </table>
 * {@code oH = floor((H − kH) / dH) + 1}, {@code oW = floor((W − kW) / dW) + 1}.
 *
 * <p>{@code toString()} prints the chain as Torch does, under the name {@code nn.Sequential}
 * (Torch's class inherits {@code Sequential}'s {@code __tostring__}, which writes that name).
 *
 * <p><b>Differences from Torch:</b> Torch ignores {@code nInputPlane}; nn4j checks the plane count
 * of the input against it when it is known (it is not in Torch's files: a module read from one
 * accepts any count, and nn4j saves the field for itself). The chain is fixed: {@link #add} is
 * refused.
 */
public class SpatialLPPooling extends Container<Tensor, Tensor> {

    private final int nInputPlane;
    private final double pnorm;
    private final int kW;
    private final int kH;
    private final int dW;
    private final int dH;

    /**
     * {@code p}-norm pooling with windows moved by their own size.
     *
     * @param nInputPlane the number of planes, positive (0: not checked)
     * @param pnorm the power {@code p}, non-zero
     * @param kW the window width, positive
     * @param kH the window height, positive
     */
    public SpatialLPPooling(int nInputPlane, double pnorm, int kW, int kH) {
        this(nInputPlane, pnorm, kW, kH, kW, kH);
    }

    /**
     * {@code p}-norm pooling with windows moved by {@code dW, dH}.
     *
     * @param nInputPlane the number of planes, positive (0: not checked)
     * @param pnorm the power {@code p}, non-zero
     * @param kW the window width, positive
     * @param kH the window height, positive
     * @param dW the horizontal step, positive
     * @param dH the vertical step, positive
     */
    public SpatialLPPooling(int nInputPlane, double pnorm, int kW, int kH, int dW, int dH) {
        super(Tensor.empty(), Tensor.empty());
        String name = "nn.SpatialLPPooling(" + nInputPlane + ", " + pnorm + ", " + kW + ", " + kH + ", " + dW + ", "
                + dH + ")";
        if (nInputPlane < 0 || !(pnorm != 0) || Double.isInfinite(pnorm)) {
            throw new IllegalArgumentException(name + ": nInputPlane must be >= 0 and pnorm finite and non-zero");
        }
        this.nInputPlane = nInputPlane;
        this.pnorm = pnorm;
        this.kW = kW;
        this.kH = kH;
        this.dW = dW;
        this.dH = dH;
        modules.add(pnorm == 2 ? new Square() : new Power(pnorm));
        modules.add(new SpatialAveragePooling(kW, kH, dW, dH));
        modules.add(new MulConstant(kW * kH));
        modules.add(pnorm == 2 ? new Sqrt(0) : new Power(1 / pnorm));
    }

    /** The chain read from a file (its four modules, as Torch built them). */
    private SpatialLPPooling(int nInputPlane, double pnorm, int kW, int kH, int dW, int dH,
            List<Module<?, ?>> chain) {
        super(Tensor.empty(), Tensor.empty());
        this.nInputPlane = nInputPlane;
        this.pnorm = pnorm;
        this.kW = kW;
        this.kH = kH;
        this.dW = dW;
        this.dH = dH;
        modules.addAll(chain);
    }

    /** @return the power {@code p} */
    public double pnorm() {
        return pnorm;
    }

    /** @return the number of planes, 0 when unknown (read from a Torch file) */
    public int nInputPlane() {
        return nInputPlane;
    }

    /**
     * Refused: the chain is fixed.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public SpatialLPPooling add(Module<?, ?> module) {
        throw new UnsupportedOperationException(name() + ": its chain of modules is fixed");
    }

    @SuppressWarnings("unchecked")
    private Module<Tensor, Tensor> child(int i) {
        return (Module<Tensor, Tensor>) modules.get(i);
    }

    private String name() {
        return "nn.SpatialLPPooling(" + (nInputPlane == 0 ? "?" : nInputPlane) + ", p=" + pnorm + ", " + kW + "x" + kH
                + ", " + dW + "," + dH + ") (an nn.Sequential)";
    }

    private void check(Tensor input) {
        boolean ok = Spatial.isSpatial(input) && Spatial.height(input) >= kH && Spatial.width(input) >= kW
                && (nInputPlane == 0 || input.size(input.dim() - 3) == nInputPlane);
        if (!ok) {
            String c = nInputPlane == 0 ? "C" : String.valueOf(nInputPlane);
            throw new IllegalArgumentException(name() + ": expected input of size [" + c + ", H, W] or [N, " + c
                    + ", H, W] with H >= " + kH + " and W >= " + kW + ", got " + input.shapeString());
        }
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        check(input);
        Tensor t = input;
        for (int i = 0; i < modules.size(); i++) {
            t = child(i).updateOutput(t);
        }
        output = t;
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        check(input);
        Tensor g = gradOutput;
        for (int i = modules.size() - 1; i > 0; i--) {
            g = child(i).updateGradInput(child(i - 1).output(), g);
        }
        gradInput = child(0).updateGradInput(input, g);
        return gradInput;
    }

    /** Nothing to accumulate (Torch overrides it to do nothing). */
    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
    }

    /** The chain, as Torch prints it: {@code nn.Sequential {...}}. */
    @Override
    public String toString() {
        return ContainerSupport.chain("nn.Sequential", modules);
    }

    /**
     * Fields kW, kH, dW, dH and modules (the chain); nInputPlane only in files nn4j wrote. The
     * power is that of the first module ({@code nn.Square}: 2).
     */
    static final T7Codec<SpatialLPPooling> T7 = LuaFields.codec("nn.SpatialLPPooling", SpatialLPPooling.class,
            (o, in) -> {
                List<Module<?, ?>> chain = in.children(o);
                boolean ok = chain.size() >= 3 && (chain.get(0) instanceof Square || chain.get(0) instanceof Power)
                        && chain.get(1) instanceof SpatialAveragePooling;
                if (!ok) {
                    throw in.error("nn.SpatialLPPooling: expected its modules Square or Power, SpatialAveragePooling, "
                            + "..., got " + chain);
                }
                double p = chain.get(0) instanceof Power pw ? pw.power() : 2;
                int kW = o.getInt("kW");
                int kH = o.getInt("kH");
                return new SpatialLPPooling(o.getInt("nInputPlane", 0), p, kW, kH, o.getInt("dW", kW),
                        o.getInt("dH", kH), chain);
            }, (m, f, out) -> {
                T7Table mods = new T7Table();
                for (Module<?, ?> c : m.modules) {
                    mods.append(out.convert(c));
                }
                f.put("modules", mods);
                f.put("kW", (double) m.kW);
                f.put("kH", (double) m.kH);
                f.put("dW", (double) m.dW);
                f.put("dH", (double) m.dH);
                if (m.nInputPlane > 0) {
                    f.put("nInputPlane", (double) m.nInputPlane);
                }
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialLPPooling training() {
        super.training();
        return this;
    }

    @Override
    public SpatialLPPooling evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialLPPooling reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialLPPooling reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
