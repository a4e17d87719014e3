package io.github.nn4j.criteria;

import java.util.List;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7CodecProvider;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

/**
 * The {@code .t7} codecs of every criterion of this package, found by
 * {@link io.github.nn4j.torch7.T7Bridge} through {@link java.util.ServiceLoader}.
 *
 * <p><b>Fields read and written</b> (beyond {@code output}, {@code gradInput} and
 * {@code sizeAverage}, which the bridge handles), as Torch's constructors set them:
 * <table>
 * <caption>Torch fields per class</caption>
 * <tr><th>class</th><th>fields</th></tr>
 * <tr><td>ClassNLLCriterion</td><td>{@code weights} (if any), {@code ignoreIndex},
 *     {@code output_tensor}, {@code total_weight_tensor}, {@code target} (LongTensor)</td></tr>
 * <tr><td>CrossEntropyCriterion</td><td>{@code lsm} (an {@code nn.LogSoftMax}), {@code nll} (an
 *     {@code nn.ClassNLLCriterion} holding the weights), {@code oldSizeAverage}</td></tr>
 * <tr><td>MultiMarginCriterion</td><td>{@code p}, {@code margin}, {@code weights} (if any)</td></tr>
 * <tr><td>BCECriterion</td><td>{@code weights} (if any)</td></tr>
 * <tr><td>MSECriterion</td><td>none</td></tr>
 * </table>
 *
 * <p><b>ignoreIndex.</b> Lua compares it with 1-based labels, nn4j with 0-based ones: a Lua value
 * {@code k ≥ 1} names class {@code k} and becomes {@code k − 1}; a value below 1 (Torch's default
 * −100) names no class and is kept (Lua's 0 becomes −1, which also names none). Writing shifts back:
 * {@code j ≥ 0} is saved as {@code j + 1}, a negative sentinel as is.
 */
public final class CriteriaT7Codecs implements T7CodecProvider {

    /** The provider instance {@link java.util.ServiceLoader} creates. */
    public CriteriaT7Codecs() {
    }

    @Override
    public List<T7Codec<?>> codecs() {
        return List.of(
                codec("nn.MSECriterion", MSECriterion.class, (o, in) -> new MSECriterion(), (c, f, out) -> { }),
                codec("nn.BCECriterion", BCECriterion.class,
                        (o, in) -> new BCECriterion(weights(o, in)),
                        (c, f, out) -> putWeights(c.weights(), f, out)),
                codec("nn.MultiMarginCriterion", MultiMarginCriterion.class, CriteriaT7Codecs::readMultiMargin,
                        (c, f, out) -> {
                            f.put("p", (double) c.p());
                            f.put("margin", c.margin());
                            putWeights(c.weights(), f, out);
                        }),
                codec("nn.ClassNLLCriterion", ClassNLLCriterion.class,
                        (o, in) -> new ClassNLLCriterion(weights(o, in), o.getBoolean("sizeAverage", true),
                                ignoreIndexFromLua(o.getNumber("ignoreIndex", ClassNLLCriterion.DEFAULT_IGNORE_INDEX),
                                        in)),
                        (c, f, out) -> writeNll(f, c.weights(), c.ignoreIndex(), out)),
                codec("nn.CrossEntropyCriterion", CrossEntropyCriterion.class, CriteriaT7Codecs::readCrossEntropy,
                        CriteriaT7Codecs::writeCrossEntropy));
    }

    private static MultiMarginCriterion readMultiMargin(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        double p = o.getNumber("p", 1);
        if (p != 1 && p != 2) {
            throw in.error("nn.MultiMarginCriterion: p must be 1 or 2, got " + p);
        }
        return new MultiMarginCriterion((int) p, weights(o, in), o.getNumber("margin", 1));
    }

    private static CrossEntropyCriterion readCrossEntropy(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        T7Object nll = o.optObject("nll");
        Tensor w = null;
        if (nll != null) {
            if (!nll.className().equals("nn.ClassNLLCriterion")) {
                throw in.error("nn.CrossEntropyCriterion: field nll is " + nll.className()
                        + ", expected nn.ClassNLLCriterion");
            }
            w = weights(nll, in);
            int ignore = ignoreIndexFromLua(nll.getNumber("ignoreIndex", ClassNLLCriterion.DEFAULT_IGNORE_INDEX), in);
            if (ignore >= 0) {
                throw in.error("nn.CrossEntropyCriterion: an nll.ignoreIndex naming class " + (ignore + 1)
                        + " (Lua) is not supported");
            }
        } else {
            w = weights(o, in);
        }
        return new CrossEntropyCriterion(w, o.getBoolean("sizeAverage", true));
    }

    private static void writeCrossEntropy(CrossEntropyCriterion c, T7Table f, T7Bridge.Writing out) {
        T7Object lsm = T7Object.withFields("nn.LogSoftMax");
        lsm.fields().put("output", out.tensor(Tensor.empty()))
                .put("gradInput", out.tensor(Tensor.empty()))
                .put("_type", "torch.DoubleTensor");
        T7Object nll = T7Object.withFields("nn.ClassNLLCriterion");
        nll.fields().put("output", 0.0)
                .put("gradInput", out.tensor(Tensor.empty()))
                .put("sizeAverage", c.sizeAverage());
        writeNll(nll.fields(), c.weights(), ClassNLLCriterion.DEFAULT_IGNORE_INDEX, out);
        f.put("lsm", lsm);
        f.put("nll", nll);
        f.put("oldSizeAverage", c.sizeAverage());
    }

    /** ClassNLL's fields, as its Lua constructor sets them. */
    private static void writeNll(T7Table f, Tensor weights, int ignoreIndex, T7Bridge.Writing out) {
        putWeights(weights, f, out);
        f.put("ignoreIndex", (double) (ignoreIndex >= 0 ? ignoreIndex + 1 : ignoreIndex));
        f.put("output_tensor", out.tensor(Tensor.zeros(1)));
        f.put("total_weight_tensor", out.tensor(Tensor.filled(1.0, 1)));
        f.put("target", T7Tensor.contiguous(T7Storage.wrap(new long[] {0}), 1));
    }

    /**
     * Lua's ignoreIndex as nn4j's (see the class comment).
     *
     * @param lua the value in the file
     * @param in for errors
     * @return the 0-based ignoreIndex, or the negative sentinel
     * @throws T7ModuleException if it is not an integer
     */
    static int ignoreIndexFromLua(double lua, T7Bridge.Reading in) throws T7ModuleException {
        if (lua != Math.rint(lua) || Math.abs(lua) > Integer.MAX_VALUE) {
            throw in.error("nn.ClassNLLCriterion: ignoreIndex " + lua + " is not an integer");
        }
        int k = (int) lua;
        return k >= 1 ? k - 1 : k == 0 ? -1 : k;
    }

    private static Tensor weights(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Tensor w = in.optTensor(o, "weights");
        if (w != null && w.dim() != 1) {
            throw in.error(o.className() + ": weights must be 1-D, got " + w.shapeString());
        }
        return w;
    }

    private static void putWeights(Tensor weights, T7Table f, T7Bridge.Writing out) {
        if (weights != null) {
            f.put("weights", out.tensor(weights));
        }
    }

    private static <J extends Criterion<?, ?>> T7Codec<J> codec(String torchClass, Class<J> javaClass,
            T7Codec.Reader<J> reader, T7Codec.Writer<J> writer) {
        return T7Codec.of(torchClass, javaClass, reader, writer);
    }
}
