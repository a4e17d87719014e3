package io.github.nn4j.criteria;

import io.github.nn4j.Tensor;
import io.github.nn4j.ops.SoftMaxOps;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

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

    /**
     * The {@code .t7} codec: {@code lsm} (an {@code nn.LogSoftMax}), {@code nll} (an
     * {@code nn.ClassNLLCriterion} holding the weights), {@code oldSizeAverage}. An
     * {@code nll.ignoreIndex} naming a class is refused (this class ignores no label).
     */
    static final T7Codec<CrossEntropyCriterion> T7 = LuaFields.codec("nn.CrossEntropyCriterion",
            CrossEntropyCriterion.class, CrossEntropyCriterion::read, CrossEntropyCriterion::write);

    private static CrossEntropyCriterion read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        T7Object nll = o.optObject("nll");
        Tensor w;
        if (nll != null) {
            if (!nll.className().equals("nn.ClassNLLCriterion")) {
                throw in.error("nn.CrossEntropyCriterion: field nll is " + nll.className()
                        + ", expected nn.ClassNLLCriterion");
            }
            w = LuaFields.vector(nll, "weights", in);
            int ignore = LuaFields.ignoreIndexFromLua(
                    nll.getNumber("ignoreIndex", ClassNLLCriterion.LUA_DEFAULT_IGNORE_INDEX), in);
            if (ignore >= 0) {
                throw in.error("nn.CrossEntropyCriterion: an nll.ignoreIndex naming class " + (ignore + 1)
                        + " (Lua) is not supported");
            }
        } else {
            w = LuaFields.vector(o, "weights", in);
        }
        return new CrossEntropyCriterion(w, o.getBoolean("sizeAverage", true));
    }

    private static void write(CrossEntropyCriterion c, T7Table f, T7Bridge.Writing out) {
        T7Object lsm = T7Object.withFields("nn.LogSoftMax");
        lsm.fields().put("output", out.tensor(Tensor.empty()))
                .put("gradInput", out.tensor(Tensor.empty()))
                .put("_type", "torch.DoubleTensor");
        T7Object nll = T7Object.withFields("nn.ClassNLLCriterion");
        nll.fields().put("output", 0.0)
                .put("gradInput", out.tensor(Tensor.empty()))
                .put("sizeAverage", c.sizeAverage());
        ClassNLLCriterion.writeFields(nll.fields(), c.weights(), ClassNLLCriterion.LUA_DEFAULT_IGNORE_INDEX, out);
        f.put("lsm", lsm);
        f.put("nll", nll);
        f.put("oldSizeAverage", c.sizeAverage());
    }
}
