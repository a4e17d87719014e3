package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * The torch-golden-2 cases of the transfer functions, Normalize and L1Penalty through the module
 * API: the Java module is built with its Java constructor from the case's Lua expression (weights
 * copied from {@code model.t7} where the case's {@code then} set them), run forward and backward
 * on Torch's input and gradOutput, and compared with Torch's {@code expected.t7}. Each case also
 * checks that the Java module's codec writes every field of Torch's {@code model.t7}, with the
 * same numbers and flags, and the PReLU case that {@code manualSeed(case seed)} and the
 * constructor give Torch's weight.
 */
class TransferFunctionsGolden2Test {

    @SuppressWarnings("unchecked")
    static void run(String name, Module<Tensor, Tensor> m) throws IOException {
        TorchGolden2.Case c = TorchGolden2.get(name);
        Tensor input = (Tensor) c.load("input.t7");
        Tensor gradOutput = (Tensor) c.load("gradOutput.t7");
        Map<Object, Object> expected = c.expected();
        Tensor pristine = input.clone();
        m.zeroGradParameters();
        Tensor y = m.forward(input).clone();
        Tensor gi = m.backward(input, gradOutput).clone();
        TorchGolden2.assertClose((Data) expected.get("output"), y, c.rel(), name + " output");
        TorchGolden2.assertClose((Data) expected.get("gradInput"), gi, c.rel(), name + " gradInput");
        Table grads = new Table();
        for (Parameter p : m.parameters()) {
            grads.add(p.grad().clone());
        }
        TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), grads, c.rel(), name + " gradParams");
        assertEquals(0.0, input.maxAbsDiff(pristine), name + ": the input is unchanged");
        sameFieldsAsTorch(c, m);
    }

    /**
     * Every field of Torch's file is written by the Java codec, with equal numbers, flags and
     * strings, and nothing else but {@code train} (which the bridge always writes), L1Penalty's
     * {@code loss} (set by a forward) and flags that are {@code false} where Torch leaves them nil
     * (the same to Lua, e.g. Dropout's {@code inplace}).
     */
    static void sameFieldsAsTorch(TorchGolden2.Case c, Module<Tensor, Tensor> fresh) throws IOException {
        T7Object torch = model(c);
        T7Object mine = assertInstanceOf(T7Object.class, T7Bridge.toT7(fresh));
        assertEquals(torch.className(), mine.className(), c + " class");
        assertEquals(torch.version(), mine.version(), c + " class version");
        for (Map.Entry<Object, Object> e : torch.fields().asMap().entrySet()) {
            String key = (String) e.getKey();
            assertTrue(mine.fields().has(key), c + ": field " + key + " is written");
            Object theirs = e.getValue();
            Object ours = mine.fields().get(key);
            if (theirs instanceof Double || theirs instanceof Boolean || theirs instanceof String) {
                assertEquals(theirs, ours, c + ": field " + key);
            } else if (theirs instanceof T7Tensor t && !key.equals("output") && !key.equals("gradInput")) {
                T7Tensor o = assertInstanceOf(T7Tensor.class, ours, c + ": field " + key);
                assertEquals(t.className(), o.className(), c + ": type of " + key);
            }
        }
        for (Object key : mine.fields().asMap().keySet()) {
            assertTrue(torch.fields().has((String) key) || key.equals("train") || key.equals("loss")
                    || Boolean.FALSE.equals(mine.fields().get(key)),
                    c + ": field " + key + " is not Torch's");
        }
    }

    static T7Object model(TorchGolden2.Case c) throws IOException {
        return (T7Object) Torch7.load(c.file("model.t7"));
    }

    @Test
    void hardtanh() throws IOException {
        run("hardtanh", new HardTanh());
        run("hardtanh_minmax", new HardTanh(-0.5, 1.5));
    }

    @Test
    void clamp() throws IOException {
        run("clamp", new Clamp(-0.3, 0.7));
    }

    @Test
    void leakyrelu() throws IOException {
        run("leakyrelu", new LeakyReLU(0.1));
        run("leakyrelu_default", new LeakyReLU());
    }

    @Test
    void elu() throws IOException {
        run("elu", new ELU());
        run("elu_alpha", new ELU(0.7));
    }

    @Test
    void preluShared() throws IOException {
        TorchGolden2.Case c = TorchGolden2.get("prelu_shared");
        Tensor torchWeight = model(c).getTensor("weight").toTensor();
        TorchRandom.manualSeed(c.seed());
        PReLU m = new PReLU();
        assertEquals(0.0, m.weight().maxAbsDiff(torchWeight), "same seed, same weight");
        run("prelu_shared", m);
    }

    @Test
    void preluChannel() throws IOException {
        for (String name : List.of("prelu_channel", "prelu_channel_3d")) {
            TorchGolden2.Case c = TorchGolden2.get(name);
            TorchRandom.manualSeed(c.seed());
            PReLU m = new PReLU(3);
            assertEquals(0.0, m.weight().maxAbsDiff(Tensor.filled(0.25, 3)), "Torch's constructor weight");
            // the case's `then` overwrote the weight
            m.weight().copy(model(c).getTensor("weight").toTensor());
            run(name, m);
        }
    }

    @Test
    void rreluEval() throws IOException {
        RReLU m = new RReLU(0.1, 0.3);
        m.evaluate();
        run("rrelu_eval", m);
    }

    @Test
    void softplus() throws IOException {
        run("softplus", new SoftPlus());
        run("softplus_beta", new SoftPlus(2));
    }

    @Test
    void shrinksAndSigns() throws IOException {
        run("softsign", new SoftSign());
        run("softshrink", new SoftShrink(0.3));
        run("hardshrink", new HardShrink(0.4));
        run("tanhshrink", new TanhShrink());
        run("logsigmoid", new LogSigmoid());
    }

    @Test
    void softmin() throws IOException {
        run("softmin", new SoftMin());
        run("softmin_1d", new SoftMin());
    }

    @Test
    void relu6() throws IOException {
        run("relu6", new ReLU6());
    }

    @Test
    void gradientReversal() throws IOException {
        run("gradientreversal", new GradientReversal(0.7));
    }

    @Test
    void normalize() throws IOException {
        run("normalize_p2", new Normalize(2));
        run("normalize_p1", new Normalize(1));
        run("normalize_pinf", new Normalize(Double.POSITIVE_INFINITY));
    }

    @Test
    void l1penalty() throws IOException {
        L1Penalty m = new L1Penalty(0.3);
        run("l1penalty", m);
        Tensor x = (Tensor) TorchGolden2.get("l1penalty").load("input.t7");
        double sum = 0;
        for (int i = 0; i < x.numel(); i++) {
            sum += Math.abs(x.data()[i]);
        }
        assertEquals(0.3 * sum, m.loss(), 1e-15);
        run("l1penalty_sizeaverage", new L1Penalty(0.3, true));
    }
}
