package io.github.nn4j.criteria;

import io.github.nn4j.Tensor;
import io.github.nn4j.ops.SoftMaxOps;

/**
 * The softmax cross-entropy of raw scores, Torch's {@code nn.CrossEntropyCriterion(weights,
 * sizeAverage)} ({@code CrossEntropyCriterion.lua}): a log-softmax over the classes (the shared
 * kernel {@link SoftMaxOps#logSoftMax}) followed by a {@link ClassNLLCriterion} with the same
 * weights.
 *
 * <pre>
 *   ℓ(x, y) = −w[y] · log softmax(x)[y] = w[y] · (−x[y] + log Σ_j e^(x_j))
 *   L = Σ_i ℓ(x_i, y_i) / Σ_i w[y_i]   (sizeAverage: the weighted batch mean)   or   Σ_i ℓ(x_i, y_i)
 *   gi[i] = c_i · (softmax(x_i) − onehot(y_i)),  c_i = w[y_i] / Σ_k w[y_k]   (or w[y_i] when not averaging)
 * </pre>
 * Without weights, {@code w ≡ 1}. This is CS231n's softmax (cross-entropy) data loss; at
 * initialisation (all scores ≈ 0) it is ≈ {@code log C}, e.g. {@code −log(0.1) ≈ 2.303} for 10
 * classes.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input (scores)</th><th>target (0-based labels)</th><th>gradInput</th></tr>
 *   <tr><td>{@code [C]}</td><td>1 element, or {@code int}</td><td>{@code [C]}</td></tr>
 *   <tr><td>{@code [1, C]}: one sample (Torch squeezes it)</td><td>1 element, or {@code int}</td>
 *       <td>{@code [1, C]}</td></tr>
 *   <tr><td>{@code [B, C]}</td><td>{@code [B]}, or {@code int[B]}</td><td>{@code [B, C]}</td></tr>
 * </table>
 *
 * <p>As in Torch, {@link #backward} uses the log-probabilities cached by the last
 * {@link #forward}: call it after a forward on the same input.
 *
 * <p><b>Differences from Lua Torch.</b> Labels are 0-based; a bad label is an
 * {@link IllegalArgumentException} naming its position, its value and {@code C}. Torch squeezes
 * away every size-1 dimension; this class accepts {@code [C]} and {@code [B, C]} only (a
 * {@code [1, C]} input gives the same numbers as Torch's squeezed one), so a {@code [B, 1]} input
 * is one class per sample rather than Torch's accidental single sample of {@code B} classes.
 * {@link #setSizeAverage} takes effect at once (Torch propagates the field on the next call).
 */
public final class CrossEntropyCriterion extends ClassCriterion {

    private final ClassNLLCriterion nll;
    /** The log-probabilities of the last forward (Torch's {@code lsm.output}). */
    private final Tensor logProbabilities = Tensor.empty();

    /** No weights, averaging (Torch's defaults). */
    public CrossEntropyCriterion() {
        this(null, true);
    }

    /**
     * Per-class weights, averaging.
     *
     * @param weights a 1-D tensor of {@code C} weights, or null (kept by reference)
     */
    public CrossEntropyCriterion(Tensor weights) {
        this(weights, true);
    }

    /**
     * The full Torch constructor.
     *
     * @param weights a 1-D tensor of {@code C} weights, or null (kept by reference)
     * @param sizeAverage whether to divide by the total weight of the batch
     * @throws IllegalArgumentException if the weights are not 1-D
     */
    public CrossEntropyCriterion(Tensor weights, boolean sizeAverage) {
        super();
        ClassTargets.checkWeightsShape("nn.CrossEntropyCriterion", weights);
        this.nll = new ClassNLLCriterion(weights, sizeAverage);
        this.sizeAverage = sizeAverage;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        targets.checkInput(input);
        targets.read(input, target);
        targets.weights(nll.weights(), input);
        logProbabilities.resizeAs(input);
        SoftMaxOps.logSoftMax(input.data(), logProbabilities.data(), ClassTargets.samples(input),
                ClassTargets.classes(input), 1);
        nll.setSizeAverage(sizeAverage);
        return nll.updateOutput(logProbabilities, target);
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        targets.checkInput(input);
        targets.read(input, target);
        if (!logProbabilities.sameSizeAs(input)) {
            throw new IllegalStateException(this + ": backward on an input of size " + input.shapeString()
                    + " after a forward on size " + logProbabilities.shapeString() + "; call forward first");
        }
        nll.setSizeAverage(sizeAverage);
        Tensor g = nll.updateGradInput(logProbabilities, target);
        gradInput.resizeAs(input);
        SoftMaxOps.logSoftMaxBackward(g.data(), logProbabilities.data(), gradInput.data(),
                ClassTargets.samples(input), ClassTargets.classes(input), 1);
        return gradInput;
    }

    @Override
    public CrossEntropyCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The per-class weights.
     *
     * @return the weights tensor (not a copy), or null
     */
    public Tensor weights() {
        return nll.weights();
    }
}
