package io.github.nn4j.criteria;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

/**
 * The negative log-likelihood of the target class, Torch's
 * {@code nn.ClassNLLCriterion(weights, sizeAverage, ignoreIndex)} ({@code ClassNLLCriterion.lua},
 * THNN {@code ClassNLLCriterion.c}). The input holds log-probabilities, e.g. the output of a
 * {@code LogSoftMax}; {@link CrossEntropyCriterion} combines both.
 *
 * <p>With 0-based labels {@code t_i}, per-class weights {@code w} ({@code w ≡ 1} without weights)
 * and the samples whose label is not {@code ignoreIndex}:
 * <pre>
 *   L = −Σ_i w[t_i] · x[i, t_i],      W = Σ_i w[t_i]
 *   sizeAverage and W ≠ 0:  L ← L / W          (a weighted mean; without weights the batch mean)
 *   gi[i, t_i] = −w[t_i] / W   (sizeAverage)   or   −w[t_i]   (not averaging);   0 elsewhere
 * </pre>
 * Samples labelled {@code ignoreIndex} add neither loss nor weight, and get a zero gradient. If
 * {@code W ≤ 0} (every sample ignored, or zero weights) the gradient is all zero, as in Torch.
 * A {@code [C]} input is one sample: with {@code sizeAverage} its gradient is simply −1 at the
 * target (the weight cancels).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input (log-probabilities)</th><th>target (0-based labels)</th><th>gradInput</th></tr>
 *   <tr><td>{@code [C]}</td><td>1 element, or {@code int}</td><td>{@code [C]}</td></tr>
 *   <tr><td>{@code [B, C]}</td><td>{@code [B]}, or {@code int[B]}</td><td>{@code [B, C]}</td></tr>
 * </table>
 *
 * <p><b>ignoreIndex.</b> A label equal to {@code ignoreIndex} is skipped before any range check,
 * whatever its value. Java compares it with the 0-based labels; the Java default
 * {@value #DEFAULT_IGNORE_INDEX} is PyTorch's, a sentinel no class can have. Torch compares its
 * ignoreIndex with 1-based labels, so the {@code .t7} bridge shifts it exactly as it shifts the
 * targets ({@link ClassCriterion#fromLua}): a Lua {@code ignoreIndex = k} is Java's {@code k − 1}
 * for <em>every</em> {@code k} (class {@code k} becomes label {@code k − 1}; Lua's sentinels −1, 0
 * and Torch's default {@value #LUA_DEFAULT_IGNORE_INDEX} become −2, −1 and −101), and Java's
 * {@code j} is saved as {@code j + 1}. A Lua target equal to the Lua ignoreIndex therefore stays
 * equal to it after the shift, and is ignored as in Torch.
 *
 * <p><b>Differences from Lua Torch.</b> Labels are 0-based. A bad label is an
 * {@link IllegalArgumentException} naming its position, its value and {@code C} (Torch aborts on an
 * assertion). {@code backward} recomputes {@code W} from the target instead of reading the value
 * cached by the last forward, which gives the same result after a forward on the same target. The
 * weights tensor is kept by reference, as in Torch.
 */
public final class ClassNLLCriterion extends ClassCriterion {

    /** The Java default ignoreIndex (PyTorch's): a 0-based label no class has. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    /** Torch's default ignoreIndex, compared with Lua's 1-based labels (Java's −101). */
    static final int LUA_DEFAULT_IGNORE_INDEX = -100;

    private final Tensor weights;
    private final int ignoreIndex;
    private double totalWeight;

    /** No weights, averaging, ignoreIndex {@value #DEFAULT_IGNORE_INDEX} (Torch's defaults). */
    public ClassNLLCriterion() {
        this(null, true, DEFAULT_IGNORE_INDEX);
    }

    /**
     * Per-class weights, averaging, ignoreIndex {@value #DEFAULT_IGNORE_INDEX}.
     *
     * @param weights a 1-D tensor of {@code C} weights, or null (kept by reference)
     */
    public ClassNLLCriterion(Tensor weights) {
        this(weights, true, DEFAULT_IGNORE_INDEX);
    }

    /**
     * Per-class weights and averaging, ignoreIndex {@value #DEFAULT_IGNORE_INDEX}.
     *
     * @param weights a 1-D tensor of {@code C} weights, or null (kept by reference)
     * @param sizeAverage whether to divide by the total weight
     */
    public ClassNLLCriterion(Tensor weights, boolean sizeAverage) {
        this(weights, sizeAverage, DEFAULT_IGNORE_INDEX);
    }

    /**
     * The full Torch constructor.
     *
     * @param weights a 1-D tensor of {@code C} weights, or null (kept by reference)
     * @param sizeAverage whether to divide by the total weight
     * @param ignoreIndex the 0-based label whose samples are skipped
     * @throws IllegalArgumentException if the weights are not 1-D
     */
    public ClassNLLCriterion(Tensor weights, boolean sizeAverage, int ignoreIndex) {
        super();
        this.weights = ClassTargets.checkWeightsShape("nn.ClassNLLCriterion", weights);
        this.sizeAverage = sizeAverage;
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        targets.checkInput(input);
        int n = ClassTargets.samples(input);
        int c = ClassTargets.classes(input);
        int[] y = targets.read(input, target, ignoreIndex);
        double[] w = targets.weights(weights, input);
        double[] x = input.data();
        double loss = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            int t = y[i];
            if (t != ignoreIndex) {
                double wt = w == null ? 1.0 : w[t];
                total += wt;
                loss -= x[i * c + t] * wt;
            }
        }
        totalWeight = total;
        if (sizeAverage && total != 0) {
            loss /= total;
        }
        return loss;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        targets.checkInput(input);
        int n = ClassTargets.samples(input);
        int c = ClassTargets.classes(input);
        int[] y = targets.read(input, target, ignoreIndex);
        double[] w = targets.weights(weights, input);
        double[] gi = gradInput.resizeAs(input).zero().data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] != ignoreIndex) {
                total += w == null ? 1.0 : w[y[i]];
            }
        }
        if (total <= 0) {
            return gradInput;
        }
        for (int i = 0; i < n; i++) {
            int t = y[i];
            if (t != ignoreIndex) {
                double g = -(w == null ? 1.0 : w[t]);
                gi[i * c + t] = sizeAverage ? g / total : g;
            }
        }
        return gradInput;
    }

    @Override
    public ClassNLLCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The total weight {@code W} of the last forward (Torch's second return value of
     * {@code forward}).
     *
     * @return {@code Σ w[t_i]} over the samples not ignored
     */
    public double totalWeight() {
        return totalWeight;
    }

    /**
     * The per-class weights.
     *
     * @return the weights tensor (not a copy), or null
     */
    public Tensor weights() {
        return weights;
    }

    /**
     * The label whose samples are skipped.
     *
     * @return the 0-based ignoreIndex
     */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /**
     * The {@code .t7} codec: {@code weights} (if any), {@code ignoreIndex} (shifted by one, see
     * {@link LuaFields#ignoreIndexFromLua}), {@code output_tensor}, {@code total_weight_tensor},
     * {@code target} (a LongTensor), as Torch's constructor sets them.
     */
    static final T7Codec<ClassNLLCriterion> T7 = LuaFields.codec("nn.ClassNLLCriterion", ClassNLLCriterion.class,
            (o, in) -> new ClassNLLCriterion(LuaFields.vector(o, "weights", in), o.getBoolean("sizeAverage", true),
                    LuaFields.ignoreIndexFromLua(o.getNumber("ignoreIndex", LUA_DEFAULT_IGNORE_INDEX), in)),
            (c, f, out) -> writeFields(f, c.weights(), LuaFields.ignoreIndexToLua(c.ignoreIndex()), out));

    /** ClassNLL's fields, as its Lua constructor sets them, with the given Lua ignoreIndex. */
    static void writeFields(T7Table f, Tensor weights, double luaIgnoreIndex, T7Bridge.Writing out) {
        LuaFields.putTensor(f, "weights", weights, out);
        f.put("ignoreIndex", luaIgnoreIndex);
        f.put("output_tensor", out.tensor(Tensor.zeros(1)));
        f.put("total_weight_tensor", out.tensor(Tensor.filled(1.0, 1)));
        f.put("target", T7Tensor.contiguous(T7Storage.wrap(new long[] {0}), 1));
    }
}
