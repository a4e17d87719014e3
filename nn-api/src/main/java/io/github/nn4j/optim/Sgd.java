package io.github.nn4j.optim;

import java.util.List;
import java.util.Locale;

import io.github.nn4j.Parameter;

/**
 * Stochastic gradient descent with momentum, Nesterov momentum, weight decay and learning-rate
 * decay, with the exact semantics of Lua Torch's {@code optim.sgd} ({@code torch/optim/sgd.lua}).
 *
 * <p>With {@code g} the gradient, {@code x} the parameter and {@code n} the
 * {@linkplain #evalCounter() number of steps taken}, one step is:
 * <ol>
 *   <li>weight decay: {@code g ← g + weightDecay · x} (written into the gradient tensor, as
 *       Torch does);</li>
 *   <li>momentum (if {@code momentum != 0}): on the first step {@code v ← g} (no dampening);
 *       afterwards {@code v ← momentum · v + (1 − dampening) · g};</li>
 *   <li>then {@code g ← g + momentum · v} with Nesterov (written into the gradient tensor),
 *       otherwise {@code g ← v};</li>
 *   <li>{@code x ← x − clr · g} with {@code clr = learningRate / (1 + n · learningRateDecay)};</li>
 *   <li>{@code n ← n + 1}.</li>
 * </ol>
 *
 * <table class="striped">
 *   <caption>Hyper-parameters (Torch's {@code config} fields and defaults)</caption>
 *   <tr><th>builder method</th><th>default</th></tr>
 *   <tr><td>{@link Builder#learningRate}</td><td>1e-3</td></tr>
 *   <tr><td>{@link Builder#learningRateDecay}</td><td>0</td></tr>
 *   <tr><td>{@link Builder#weightDecay}</td><td>0 (L2, added to the gradient)</td></tr>
 *   <tr><td>{@link Builder#momentum}</td><td>0</td></tr>
 *   <tr><td>{@link Builder#dampening}</td><td><b>the momentum</b> (Torch's quirk, see
 *       <a href="https://github.com/torch/optim/issues/163">torch/optim#163</a>)</td></tr>
 *   <tr><td>{@link Builder#nesterov}</td><td>false; requires momentum &gt; 0 and dampening 0</td></tr>
 * </table>
 *
 * <p>Worked example (Torch, {@code f(x) = x²}, {@code x₀ = 1}, learning rate 0.1): momentum 0.9
 * with the default dampening gives 0.8, 0.604, 0.4155; with dampening 0 it gives 0.8, 0.46,
 * 0.062; Nesterov gives 0.62, 0.2224, −0.1084.
 *
 * <p>Not ported: Torch's per-element {@code learningRates} and {@code weightDecays} tensors.
 * The momentum buffers are allocated once at construction; {@link #step()} allocates nothing.
 */
public final class Sgd implements Optimizer {

    private final List<Parameter> parameters;
    private double learningRate;
    private final double learningRateDecay;
    private final double weightDecay;
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final int[] sizes;
    private final double[][] velocity;
    private boolean velocityInitialised;
    private long evalCounter;

    private Sgd(Builder b, List<Parameter> parameters) {
        this.parameters = OptimizerSupport.copyOf(parameters);
        this.learningRate = b.learningRate;
        this.learningRateDecay = b.learningRateDecay;
        this.weightDecay = b.weightDecay;
        this.momentum = b.momentum;
        this.dampening = Double.isNaN(b.dampening) ? b.momentum : b.dampening;
        this.nesterov = b.nesterov;
        if (nesterov && !(momentum > 0 && dampening == 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening, got "
                    + "momentum " + momentum + " and dampening " + dampening
                    + (Double.isNaN(b.dampening) ? " (the default dampening equals the momentum: set it to 0)" : ""));
        }
        this.sizes = new int[this.parameters.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = this.parameters.get(i).value().numel();
        }
        this.velocity = momentum != 0 ? OptimizerSupport.zeroBuffers(this.parameters) : null;
    }

    /**
     * A builder with Torch's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plain SGD with the given learning rate and no momentum or decay.
     *
     * @param parameters the parameters to optimise, usually {@code model.parameters()}
     * @param learningRate the learning rate
     * @return the optimiser
     */
    public static Sgd of(List<Parameter> parameters, double learningRate) {
        return builder().learningRate(learningRate).build(parameters);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void step() {
        double clr = currentLearningRate();
        for (int k = 0; k < sizes.length; k++) {
            Parameter p = parameters.get(k);
            int n = sizes[k];
            OptimizerSupport.checkSize("Sgd", p, n);
            double[] x = p.value().data();
            double[] g = p.grad().data();
            if (momentum != 0 && velocityInitialised && !nesterov) {
                // the usual case in one pass over x, g and v instead of three (weight decay, velocity,
                // update: the arrays of a large layer do not fit in L2); the same operations per
                // element as the separate loops below, so the same bits, and g still ends decayed
                double[] v = velocity[k];
                double keep = 1 - dampening;
                double step = -clr;
                double wd = weightDecay;
                if (wd != 0) {
                    for (int i = 0; i < n; i++) {
                        double gi = g[i] + wd * x[i];
                        g[i] = gi;
                        double vi = v[i] * momentum + keep * gi;
                        v[i] = vi;
                        x[i] += step * vi;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        double vi = v[i] * momentum + keep * g[i];
                        v[i] = vi;
                        x[i] += step * vi;
                    }
                }
                continue;
            }
            if (weightDecay != 0) {
                for (int i = 0; i < n; i++) {
                    g[i] += weightDecay * x[i];
                }
            }
            double[] d = g;
            if (momentum != 0) {
                double[] v = velocity[k];
                if (!velocityInitialised) {
                    System.arraycopy(g, 0, v, 0, n);
                } else {
                    double keep = 1 - dampening;
                    for (int i = 0; i < n; i++) {
                        v[i] = v[i] * momentum + keep * g[i];
                    }
                }
                if (nesterov) {
                    for (int i = 0; i < n; i++) {
                        g[i] += momentum * v[i];
                    }
                } else {
                    d = v;
                }
            }
            for (int i = 0; i < n; i++) {
                x[i] += -clr * d[i];
            }
        }
        if (momentum != 0) {
            velocityInitialised = true;
        }
        evalCounter++;
    }

    @Override
    public long evalCounter() {
        return evalCounter;
    }

    @Override
    public double currentLearningRate() {
        return learningRate / (1 + evalCounter * learningRateDecay);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /**
     * The momentum factor.
     *
     * @return the momentum
     */
    public double momentum() {
        return momentum;
    }

    /**
     * The dampening in effect (the momentum when none was set).
     *
     * @return the dampening
     */
    public double dampening() {
        return dampening;
    }

    @Override
    public void setLearningRate(double value) {
        learningRate = OptimizerSupport.nonNegative("learningRate", value);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "optim.sgd(learningRate=%g, learningRateDecay=%g, weightDecay=%g, "
                + "momentum=%g, dampening=%g, nesterov=%b)", learningRate, learningRateDecay, weightDecay,
                momentum, dampening, nesterov);
    }

    /** Hyper-parameters of {@link Sgd}, with Torch's defaults. */
    public static final class Builder {
        private double learningRate = 1e-3;
        private double learningRateDecay;
        private double weightDecay;
        private double momentum;
        private double dampening = Double.NaN;
        private boolean nesterov;

        private Builder() {
        }

        /**
         * Sets the learning rate (default 1e-3).
         *
         * @param value the learning rate, finite and &gt;= 0
         * @return this
         */
        public Builder learningRate(double value) {
            learningRate = OptimizerSupport.nonNegative("learningRate", value);
            return this;
        }

        /**
         * Sets the learning-rate decay {@code d}: step {@code n} uses
         * {@code learningRate / (1 + n·d)} (default 0).
         *
         * @param value the decay, finite and &gt;= 0
         * @return this
         */
        public Builder learningRateDecay(double value) {
            learningRateDecay = OptimizerSupport.nonNegative("learningRateDecay", value);
            return this;
        }

        /**
         * Sets the L2 weight decay added to the gradient (default 0).
         *
         * @param value the decay, finite and &gt;= 0
         * @return this
         */
        public Builder weightDecay(double value) {
            weightDecay = OptimizerSupport.nonNegative("weightDecay", value);
            return this;
        }

        /**
         * Sets the momentum (default 0, none).
         *
         * @param value the momentum, finite and &gt;= 0
         * @return this
         */
        public Builder momentum(double value) {
            momentum = OptimizerSupport.nonNegative("momentum", value);
            return this;
        }

        /**
         * Sets the dampening of the momentum (default: equal to the momentum, as in Torch).
         *
         * @param value the dampening, finite and &gt;= 0
         * @return this
         */
        public Builder dampening(double value) {
            dampening = OptimizerSupport.nonNegative("dampening", value);
            return this;
        }

        /**
         * Switches Nesterov momentum on or off (default off). It requires a momentum &gt; 0 and a
         * dampening of exactly 0, checked by {@link #build}.
         *
         * @param value whether to use Nesterov momentum
         * @return this
         */
        public Builder nesterov(boolean value) {
            nesterov = value;
            return this;
        }

        /**
         * Creates the optimiser and its momentum buffers.
         *
         * @param parameters the parameters to optimise, usually {@code model.parameters()}
         * @return the optimiser
         * @throws IllegalArgumentException if Nesterov is on without momentum &gt; 0 and zero
         *     dampening (Torch's assertion)
         */
        public Sgd build(List<Parameter> parameters) {
            return new Sgd(this, parameters);
        }
    }
}
