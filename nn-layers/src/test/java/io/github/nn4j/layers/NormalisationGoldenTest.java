package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.Torch7;

/**
 * The torch-golden-2 cases of the normalisation family through the <b>module API</b>: each Java
 * module is built with its Java constructor from the case's Lua expression, its weights and
 * running statistics are copied from Torch's {@code model.t7}, and forward, gradInput, parameter
 * gradients (and, for batch normalisation in training mode, the running statistics after the
 * forward) must match Torch's {@code expected.t7} at the README's tolerance. Modules with weights
 * also get exactly Torch's initial weights from the case's seed.
 */
class NormalisationGoldenTest {

    private static final double[] BN_MEAN = {1.135139717068704, -0.005966427198489673, 0.3902484159404022,
        -0.41171571836426585, 0.6811633691674637, -0.6530014749851918};
    private static final double[] SBN_MEAN = {-0.6256671881058289, 0.4788891818598048, -0.08240151680414645};

    // ------------------------------------------------------------------ batch normalisation

    @Test
    void bnTrain() throws IOException {
        checkBn("bn_train", () -> new BatchNormalization(6));
    }

    @Test
    void bnTrainNoAffine() throws IOException {
        checkBn("bn_train_noaffine", () -> new BatchNormalization(6, 1e-5, 0.1, false));
    }

    @Test
    void bnEval() throws IOException {
        checkBn("bn_eval", () -> new BatchNormalization(6));
    }

    @Test
    void bnEvalNoAffine() throws IOException {
        checkBn("bn_eval_noaffine", () -> new BatchNormalization(6, 1e-5, 0.1, false));
    }

    @Test
    void sbnTrain() throws IOException {
        checkBn("sbn_train", () -> new SpatialBatchNormalization(3));
    }

    @Test
    void sbnTrainNoAffine() throws IOException {
        checkBn("sbn_train_noaffine", () -> new SpatialBatchNormalization(3, 1e-3, 0.3, false));
    }

    @Test
    void sbnEval() throws IOException {
        checkBn("sbn_eval", () -> new SpatialBatchNormalization(3));
    }

    @Test
    void sbnEvalNoAffine() throws IOException {
        checkBn("sbn_eval_noaffine", () -> new SpatialBatchNormalization(3, 1e-5, 0.1, false));
    }

    private static void checkBn(String name, Supplier<BatchNormalization> constructor) throws IOException {
        TorchGolden2.Case c = TorchGolden2.get(name);
        T7Object model = model(c);
        BatchNormalization m = constructor.get();
        assertEquals(model.getNumber("eps"), m.eps(), 0.0, name + " eps");
        assertEquals(model.getNumber("momentum"), m.momentum(), 0.0, name + " momentum");
        assertEquals(model.getBoolean("affine"), m.isAffine(), name + " affine");
        m.runningMean().copy(model.getTensor("running_mean").toTensor());
        m.runningVar().copy(model.getTensor("running_var").toTensor());
        if (m.isAffine()) {
            m.weight().copy(model.getTensor("weight").toTensor());
            m.bias().copy(model.getTensor("bias").toTensor());
        }
        boolean eval = c.then().contains("m:evaluate()");
        if (eval) {
            // the running statistics the `then` statement copied in
            double[] mean = m instanceof SpatialBatchNormalization ? SBN_MEAN : BN_MEAN;
            assertEquals(mean[0], m.runningMean().data()[0], 0.0, name + ": the file holds the set statistics");
            m.evaluate();
        }
        assertEquals(!eval, truthy(model.get("train")), name + " train flag");
        Map<Object, Object> expected = run(c, m);
        if (!c.extra().isEmpty()) {
            TorchGolden2.assertClose((Tensor) expected.get("runningMean"), m.runningMean(), c.rel(),
                    name + " runningMean");
            TorchGolden2.assertClose((Tensor) expected.get("runningVar"), m.runningVar(), c.rel(),
                    name + " runningVar");
        }
        if (m.isAffine() && !eval) {
            // the weights of the case come from the constructor's reset() after torch.manualSeed(seed)
            TorchRandom.manualSeed(c.seed());
            BatchNormalization fresh = constructor.get();
            assertEquals(0.0, fresh.weight().maxAbsDiff(model.getTensor("weight").toTensor()),
                    name + ": same seed, same weights");
            assertEquals(0.0, fresh.bias().maxAbsDiff(model.getTensor("bias").toTensor()), name + ": bias");
        }
    }

    // ------------------------------------------------------------------ LRN and local normalisation

    @Test
    void lrn() throws IOException {
        SpatialCrossMapLRN m = new SpatialCrossMapLRN(3, 0.5, 0.75, 2);
        checkFields(model(TorchGolden2.get("lrn")), m);
        run(TorchGolden2.get("lrn"), m);
    }

    @Test
    void lrn3d() throws IOException {
        SpatialCrossMapLRN m = new SpatialCrossMapLRN(5, 0.5, 0.75, 1);
        checkFields(model(TorchGolden2.get("lrn_3d")), m);
        run(TorchGolden2.get("lrn_3d"), m);
    }

    private static void checkFields(T7Object model, SpatialCrossMapLRN m) {
        assertEquals(model.getNumber("size"), m.size(), 0.0);
        assertEquals(model.getNumber("alpha"), m.alpha(), 0.0);
        assertEquals(model.getNumber("beta"), m.beta(), 0.0);
        assertEquals(model.getNumber("k"), m.k(), 0.0);
    }

    private static Tensor kernel3x3() {
        return Tensor.of(new double[][] {{0.25, 0.5, 0.25}, {0.5, 1, 0.5}, {0.25, 0.5, 0.25}});
    }

    @Test
    void subnorm() throws IOException {
        checkLocal("subnorm", new SpatialSubtractiveNormalization(3, kernel3x3()));
    }

    @Test
    void subnormBatch() throws IOException {
        checkLocal("subnorm_batch", new SpatialSubtractiveNormalization(3, kernel3x3()));
    }

    @Test
    void divnorm() throws IOException {
        checkLocal("divnorm", new SpatialDivisiveNormalization(3, kernel3x3()));
    }

    @Test
    void divnormBatch() throws IOException {
        checkLocal("divnorm_batch", new SpatialDivisiveNormalization(3, kernel3x3()));
    }

    @Test
    void contrastnorm() throws IOException {
        checkLocal("contrastnorm", new SpatialContrastiveNormalization(3, kernel3x3()));
    }

    private static void checkLocal(String name, Module<Tensor, Tensor> m) throws IOException {
        TorchGolden2.Case c = TorchGolden2.get(name);
        T7Object model = model(c);
        Tensor kernel = m instanceof SpatialSubtractiveNormalization s ? s.kernel()
                : m instanceof SpatialDivisiveNormalization d ? d.kernel()
                : ((SpatialContrastiveNormalization) m).kernel();
        // the constructor normalises the kernel as Torch's does
        TorchGolden2.assertClose(model.getTensor("kernel").toTensor(), kernel, 1e-15, name + " kernel");
        assertEquals(model.getNumber("nInputPlane"), 3, 0.0);
        assertEquals("nn." + m.getClass().getSimpleName(), m.toString());
        run(c, m);
    }

    // ------------------------------------------------------------------ spatial softmax

    @Test
    void spatialSoftMax() throws IOException {
        run(TorchGolden2.get("spatialsoftmax"), new SpatialSoftMax());
        run(TorchGolden2.get("spatialsoftmax_3d"), new SpatialSoftMax());
    }

    @Test
    void spatialLogSoftMax() throws IOException {
        run(TorchGolden2.get("spatiallogsoftmax"), new SpatialLogSoftMax());
        run(TorchGolden2.get("spatiallogsoftmax_3d"), new SpatialLogSoftMax());
    }

    // ------------------------------------------------------------------ helpers

    /** Forward, backward with zeroed gradients, and the comparison with {@code expected.t7}. */
    private static Map<Object, Object> run(TorchGolden2.Case c, Module<Tensor, Tensor> m) throws IOException {
        Tensor input = Torch7.loadTensor(c.file("input.t7"));
        Tensor gradOutput = Torch7.loadTensor(c.file("gradOutput.t7"));
        Map<Object, Object> expected = c.expected();
        m.zeroGradParameters();
        Tensor y = m.forward(input).deepCopy();
        Tensor gi = m.backward(input, gradOutput).deepCopy();
        double rel = c.rel();
        TorchGolden2.assertClose((Tensor) expected.get("output"), y, rel, c + " output");
        TorchGolden2.assertClose((Tensor) expected.get("gradInput"), gi, rel, c + " gradInput");
        Table grads = new Table();
        List<Parameter> ps = m.parameters();
        for (Parameter p : ps) {
            grads.add(p.grad().deepCopy());
        }
        TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), grads, rel, c + " gradParams");
        return expected;
    }

    private static T7Object model(TorchGolden2.Case c) throws IOException {
        Object o = Torch7.load(c.file("model.t7"));
        assertTrue(o instanceof T7Object, c + ": model.t7 holds a torch object");
        return (T7Object) o;
    }

    private static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }
}
