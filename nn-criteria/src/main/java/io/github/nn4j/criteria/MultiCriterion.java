package io.github.nn4j.criteria;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;

/**
 * A weighted sum of criteria on the same input and target, Torch's {@code nn.MultiCriterion()}
 * ({@code MultiCriterion.lua}), built with {@link #add(Criterion, double)}.
 *
 * <pre>
 *   L = Σ_i w_i · c_i(x, t),     gi = Σ_i w_i · ∂c_i/∂x
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>whatever every child takes (a tensor)</td><td>whatever every child takes</td>
 *       <td>the input's size</td></tr>
 * </table>
 * Its own {@code sizeAverage} is unused (each child has its own). {@link #fromLua} shifts a Lua
 * target once when the children take 1-based labels; children that disagree (one takes labels,
 * another does not) cannot share one Lua target and are refused there.
 */
public final class MultiCriterion extends Criterion<Tensor, Tensor> implements LuaIndexed {

    /** The {@code .t7} codec: {@code criterions} (a Lua array) and {@code weights} (a DoubleStorage). */
    static final T7Codec<MultiCriterion> T7 = LuaFields.codec("nn.MultiCriterion", MultiCriterion.class,
            MultiCriterion::read, (c, f, out) -> {
                f.put("criterions", LuaFields.childList(c.criteria, out));
                double[] w = new double[c.weights.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = c.weights.get(i);
                }
                f.put("weights", T7Storage.wrap(w));
            });

    private final List<Criterion<Tensor, Tensor>> criteria = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    /** An empty sum (loss 0), as Torch's constructor. */
    public MultiCriterion() {
        super(Tensor.empty());
    }

    /**
     * Adds a criterion with weight 1.
     *
     * @param criterion the criterion
     * @return this
     */
    public MultiCriterion add(Criterion<Tensor, Tensor> criterion) {
        return add(criterion, 1);
    }

    /**
     * Adds a weighted criterion.
     *
     * @param criterion the criterion
     * @param weight its weight
     * @return this
     * @throws IllegalArgumentException if the criterion is null, this, or the weight not finite
     */
    public MultiCriterion add(Criterion<Tensor, Tensor> criterion, double weight) {
        if (criterion == null || criterion == this) {
            throw new IllegalArgumentException(this + ": cannot add " + (criterion == null ? "null" : "itself"));
        }
        criteria.add(criterion);
        weights.add(Checks.finite(toString(), "weight", weight));
        return this;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        double sum = 0;
        for (int i = 0; i < criteria.size(); i++) {
            sum += weights.get(i) * criteria.get(i).updateOutput(input, target);
        }
        return sum;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        gradInput.resizeAs(input).zero();
        for (int i = 0; i < criteria.size(); i++) {
            gradInput.add(weights.get(i), criteria.get(i).updateGradInput(input, target));
        }
        return gradInput;
    }

    /**
     * The children.
     *
     * @return an unmodifiable view, in order
     */
    public List<Criterion<Tensor, Tensor>> criteria() {
        return Collections.unmodifiableList(criteria);
    }

    /**
     * The weight of a child.
     *
     * @param i its 0-based position
     * @return its weight
     */
    public double weight(int i) {
        return weights.get(i);
    }

    /**
     * A Lua target in Java form: shifted once if the children take 1-based labels.
     *
     * @param lua the target as Lua stores it
     * @return the Java target
     * @throws IllegalArgumentException if some children take labels and others do not
     */
    @Override
    public Data fromLua(Data lua) {
        return LuaFields.sharedTargetFromLua(this, criteria, lua);
    }

    @SuppressWarnings("unchecked")
    private static MultiCriterion read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        List<Criterion<?, ?>> children = LuaFields.children(o, in);
        double[] w = LuaFields.numbers(o, "weights", children.size(), in);
        MultiCriterion m = new MultiCriterion();
        for (int i = 0; i < w.length; i++) {
            // the children of a MultiCriterion see its tensor input (Torch resizes gradInput as the input)
            m.add((Criterion<Tensor, Tensor>) children.get(i), w[i]);
        }
        return m;
    }
}
