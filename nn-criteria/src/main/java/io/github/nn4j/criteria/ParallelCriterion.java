package io.github.nn4j.criteria;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

/**
 * A weighted sum of criteria, each on its own entry of a table input, Torch's
 * {@code nn.ParallelCriterion(repeatTarget)} ({@code ParallelCriterion.lua}), built with
 * {@link #add(Criterion, double)}.
 *
 * <pre>
 *   L = Σ_i w_i · c_i(x[i], t[i])          (t[i] = t for every i with repeatTarget)
 *   gi[i] = w_i · ∂c_i/∂x[i]
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>a table {@code {x1, x2, ...}}, one entry per child</td>
 *       <td>a table {@code {t1, t2, ...}}; with repeatTarget, one target for every child</td>
 *       <td>a table {@code {g1, g2, ...}} shaped as the input</td></tr>
 * </table>
 * The Java API is typed: the input is a {@link Table}, the target any {@link Data} (a table, or
 * the shared target); each child gets its entry as it is ({@code Tensor} or {@code Table}). An
 * input or target table with fewer entries than children, or an entry of the wrong kind for its
 * child, is an {@link IllegalArgumentException} naming the position. {@link #fromLua} hands each
 * child its own target entry, so a child {@link ClassNLLCriterion} gets its labels shifted and a
 * child {@link MSECriterion} its tensor unchanged. Its own {@code sizeAverage} is unused.
 */
public final class ParallelCriterion extends Criterion<Table, Data> implements LuaIndexed {

    /** The {@code .t7} codec: {@code criterions}, {@code weights} (Lua arrays), {@code repeatTarget}. */
    static final T7Codec<ParallelCriterion> T7 = LuaFields.codec("nn.ParallelCriterion", ParallelCriterion.class,
            ParallelCriterion::read, (c, f, out) -> {
                f.put("criterions", LuaFields.childList(c.criteria, out));
                T7Table w = new T7Table();
                for (double x : c.weights) {
                    w.append(x);
                }
                f.put("weights", w);
                f.put("gradInput", new T7Table());
                if (c.repeatTarget) {
                    f.put("repeatTarget", true);
                }
            });

    private final boolean repeatTarget;
    private final List<Criterion<Data, Data>> criteria = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    /** One target per child (Torch's default). */
    public ParallelCriterion() {
        this(false);
    }

    /**
     * The Torch constructor.
     *
     * @param repeatTarget whether every child gets the same (whole) target
     */
    public ParallelCriterion(boolean repeatTarget) {
        super(new Table());
        this.repeatTarget = repeatTarget;
    }

    /**
     * Adds a criterion with weight 1.
     *
     * @param criterion the criterion, applied to the next input entry
     * @return this
     */
    public ParallelCriterion add(Criterion<?, ?> criterion) {
        return add(criterion, 1);
    }

    /**
     * Adds a weighted criterion.
     *
     * @param criterion the criterion, applied to the next input entry
     * @param weight its weight
     * @return this
     * @throws IllegalArgumentException if the criterion is null, this, or the weight not finite
     */
    @SuppressWarnings("unchecked")
    public ParallelCriterion add(Criterion<?, ?> criterion, double weight) {
        if (criterion == null || criterion == this) {
            throw new IllegalArgumentException(this + ": cannot add " + (criterion == null ? "null" : "itself"));
        }
        // the entry types are checked at run time: a wrong one is a precise IllegalArgumentException
        criteria.add((Criterion<Data, Data>) criterion);
        weights.add(Checks.finite(toString(), "weight", weight));
        return this;
    }

    private Data entry(Data d, int i, String what) {
        if (!(d instanceof Table t) || t.size() <= i) {
            throw new IllegalArgumentException(this + ": expected " + what + " table with an entry for each of the "
                    + criteria.size() + " criteria, got " + d.shapeString());
        }
        return t.get(i);
    }

    private Data target(Data target, int i) {
        return repeatTarget ? target : entry(target, i, "a target");
    }

    @Override
    public double updateOutput(Table input, Data target) {
        double sum = 0;
        for (int i = 0; i < criteria.size(); i++) {
            Data x = entry(input, i, "an input");
            Data t = target(target, i);
            try {
                sum += weights.get(i) * criteria.get(i).updateOutput(x, t);
            } catch (ClassCastException e) {
                throw wrongKind(i, e);
            }
        }
        return sum;
    }

    @Override
    public Table updateGradInput(Table input, Data target) {
        gradInput.truncate(Math.min(gradInput.size(), criteria.size()));
        for (int i = 0; i < criteria.size(); i++) {
            Data x = entry(input, i, "an input");
            Data t = target(target, i);
            Data g;
            try {
                g = criteria.get(i).updateGradInput(x, t);
            } catch (ClassCastException e) {
                throw wrongKind(i, e);
            }
            Data mine = scaledCopy(g, weights.get(i), i < gradInput.size() ? gradInput.get(i) : null);
            if (i < gradInput.size()) {
                gradInput.set(i, mine);
            } else {
                gradInput.add(mine);
            }
        }
        return gradInput;
    }

    /** {@code w · g} into {@code buffer} when it has the right kind (reused), else into a new one. */
    private static Data scaledCopy(Data g, double w, Data buffer) {
        if (g instanceof Tensor t) {
            Tensor b = buffer instanceof Tensor bt ? bt : Tensor.empty();
            b.resizeAs(t);
            double[] src = t.data();
            double[] dst = b.data();
            for (int k = 0; k < t.numel(); k++) {
                dst[k] = w * src[k];
            }
            return b;
        }
        Table gt = (Table) g;
        Table b = buffer instanceof Table bt ? bt : new Table();
        b.truncate(Math.min(b.size(), gt.size()));
        for (int k = 0; k < gt.size(); k++) {
            Data e = scaledCopy(gt.get(k), w, k < b.size() ? b.get(k) : null);
            if (k < b.size()) {
                b.set(k, e);
            } else {
                b.add(e);
            }
        }
        return b;
    }

    private IllegalArgumentException wrongKind(int i, ClassCastException e) {
        return new IllegalArgumentException(this + ": input or target entry " + i + " is of the wrong kind for "
                + criteria.get(i) + " (a tensor where a table is expected, or the opposite)", e);
    }

    /**
     * Whether every child gets the whole target.
     *
     * @return the flag
     */
    public boolean repeatTarget() {
        return repeatTarget;
    }

    /**
     * The children.
     *
     * @return an unmodifiable view, in order
     */
    public List<Criterion<Data, Data>> criteria() {
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
     * A Lua target in Java form, child by child: entry {@code i} goes through child {@code i}'s
     * conversion ({@link T7Bridge#targetFromLua}); with repeatTarget the shared target is shifted
     * once if the children take labels (children that disagree are refused).
     *
     * @param lua the target as Lua stores it
     * @return the Java target
     * @throws IllegalArgumentException if the target is not a table with an entry per child, or shared
     *     by children that disagree
     */
    @Override
    public Data fromLua(Data lua) {
        if (repeatTarget) {
            return LuaFields.sharedTargetFromLua(this, criteria, lua);
        }
        Table out = new Table();
        for (int i = 0; i < criteria.size(); i++) {
            out.add(T7Bridge.targetFromLua(criteria.get(i), entry(lua, i, "a target")));
        }
        return out;
    }

    private static ParallelCriterion read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        List<Criterion<?, ?>> children = LuaFields.children(o, in);
        double[] w = LuaFields.numbers(o, "weights", children.size(), in);
        ParallelCriterion p = new ParallelCriterion(LuaFields.truthy(o.get("repeatTarget")));
        for (int i = 0; i < w.length; i++) {
            p.add(children.get(i), w[i]);
        }
        return p;
    }
}
