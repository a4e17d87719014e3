package io.github.nn4j.optim;

import java.util.List;
import java.util.Locale;

import io.github.nn4j.Parameter;

/**
 * Adam, with the exact semantics of Lua Torch's {@code optim.adam} ({@code torch/optim/adam.lua}),
 * after Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015
 * (<a href="https://arxiv.org/abs/1412.6980">arXiv:1412.6980</a>).
 *
 * <p>With {@code g} the gradient, {@code x} the parameter and {@code t} the
 * {@linkplain #evalCounter() number of steps taken}, one step is:
 * <ol>
 *   <li>weight decay: {@code g ← g + weightDecay · x} (L2 added to the gradient, not decoupled;
 *       written into the gradient tensor, as Torch does);</li>
 *   <li>{@code clr = learningRate / (1 + t · learningRateDecay)}, using {@code t} before the
 *       increment; then {@code t ← t + 1};</li>
 *   <li>{@code m ← β₁·m + (1 − β₁)·g}, {@code v ← β₂·v + (1 − β₂)·g²};</li>
 *   <li>{@code x ← x − stepSize · m / (√v + ε)} with
 *       {@code stepSize = clr · √(1 − β₂ᵗ) / (1 − β₁ᵗ)} (the bias corrections are folded into the
 *       step size; ε is added to the uncorrected {@code √v}, as in the paper's Algorithm 1
 *       rewritten and in Torch).</li>
 * </ol>
 *
 * <table class="striped">
 *   <caption>Hyper-parameters (Torch's {@code config} fields and defaults)</caption>
 *   <tr><th>builder method</th><th>default</th></tr>
 *   <tr><td>{@link Builder#learningRate}</td><td>1e-3</td></tr>
 *   <tr><td>{@link Builder#learningRateDecay}</td><td>0</td></tr>
 *   <tr><td>{@link Builder#beta1}</td><td>0.9</td></tr>
 *   <tr><td>{@link Builder#beta2}</td><td>0.999</td></tr>
 *   <tr><td>{@link Builder#epsilon}</td><td>1e-8</td></tr>
 *   <tr><td>{@link Builder#weightDecay}</td><td>0</td></tr>
 * </table>
 *
 * <p>Worked example (Torch, {@code f(x) = x²}, {@code x₀ = 1}, learning rate 0.1): 0.9, 0.8004,
 * 0.7016. The moment buffers {@code m} and {@code v} are allocated once at construction (Torch's
 * {@code denom} buffer is not needed: the denominator is computed element by element);
 * {@link #step()} allocates nothing.
 */
public final class Adam implements Optimizer {

    private final List<Parameter> parameters;
    private double learningRate;
    private final double learningRateDecay;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final int[] sizes;
    private final double[][] m;
    private final double[][] v;
    private long t;

    private Adam(Builder b, List<Parameter> parameters) {
        this.parameters = OptimizerSupport.copyOf(parameters);
        this.learningRate = b.learningRate;
        this.learningRateDecay = b.learningRateDecay;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.weightDecay = b.weightDecay;
        this.sizes = new int[this.parameters.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = this.parameters.get(i).value().numel();
        }
        this.m = OptimizerSupport.zeroBuffers(this.parameters);
        this.v = OptimizerSupport.zeroBuffers(this.parameters);
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
     * Adam with the given learning rate and Torch's other defaults.
     *
     * @param parameters the parameters to optimise, usually {@code model.parameters()}
     * @param learningRate the learning rate
     * @return the optimiser
     */
    public static Adam of(List<Parameter> parameters, double learningRate) {
        return builder().learningRate(learningRate).build(parameters);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void step() {
        double clr = currentLearningRate();
        t++;
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        double stepSize = clr * Math.sqrt(biasCorrection2) / biasCorrection1;
        double keep1 = 1 - beta1;
        double keep2 = 1 - beta2;
        for (int k = 0; k < sizes.length; k++) {
            Parameter p = parameters.get(k);
            int n = sizes[k];
            OptimizerSupport.checkSize("Adam", p, n);
            double[] x = p.value().data();
            double[] g = p.grad().data();
            double[] mk = m[k];
            double[] vk = v[k];
            if (weightDecay != 0) {
                for (int i = 0; i < n; i++) {
                    g[i] += weightDecay * x[i];
                }
            }
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                mk[i] = mk[i] * beta1 + keep1 * gi;
                vk[i] = vk[i] * beta2 + keep2 * gi * gi;
                x[i] += -stepSize * mk[i] / (Math.sqrt(vk[i]) + epsilon);
            }
        }
    }

    @Override
    public long evalCounter() {
        return t;
    }

    @Override
    public double currentLearningRate() {
        return learningRate / (1 + t * learningRateDecay);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double value) {
        learningRate = OptimizerSupport.nonNegative("learningRate", value);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "optim.adam(learningRate=%g, learningRateDecay=%g, beta1=%g, beta2=%g, "
                + "epsilon=%g, weightDecay=%g)", learningRate, learningRateDecay, beta1, beta2, epsilon, weightDecay);
    }

    /** Hyper-parameters of {@link Adam}, with Torch's defaults. */
    public static final class Builder {
        private double learningRate = 1e-3;
        private double learningRateDecay;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double weightDecay;

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
         * Sets the learning-rate decay {@code d}: step {@code t} uses
         * {@code learningRate / (1 + t·d)} (default 0).
         *
         * @param value the decay, finite and &gt;= 0
         * @return this
         */
        public Builder learningRateDecay(double value) {
            learningRateDecay = OptimizerSupport.nonNegative("learningRateDecay", value);
            return this;
        }

        /**
         * Sets the decay of the first-moment estimate (default 0.9).
         *
         * @param value β₁ in {@code [0, 1)}
         * @return this
         */
        public Builder beta1(double value) {
            beta1 = beta("beta1", value);
            return this;
        }

        /**
         * Sets the decay of the second-moment estimate (default 0.999).
         *
         * @param value β₂ in {@code [0, 1)}
         * @return this
         */
        public Builder beta2(double value) {
            beta2 = beta("beta2", value);
            return this;
        }

        /**
         * Sets the term added to the denominator for stability (default 1e-8).
         *
         * @param value ε, finite and &gt;= 0
         * @return this
         */
        public Builder epsilon(double value) {
            epsilon = OptimizerSupport.nonNegative("epsilon", value);
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
         * Creates the optimiser and its zeroed moment buffers.
         *
         * @param parameters the parameters to optimise, usually {@code model.parameters()}
         * @return the optimiser
         */
        public Adam build(List<Parameter> parameters) {
            return new Adam(this, parameters);
        }

        private static double beta(String name, double value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
            }
            return value;
        }
    }
}
