package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.TorchGolden2;

/**
 * The torch-golden-2 cases of the shape, copy and embedding modules through the module API: each
 * module built with its Java constructor from the case's Lua expression (dimensions and indices
 * shifted to 0-based by hand here), weights copied from {@code model.t7}, then forward and
 * backward against Torch's {@code expected.t7}; plus the error messages of wrong inputs and
 * constructor arguments.
 */
class ShapesGoldenTest {

    /** Runs the case on {@code m} with {@code input} (already in Java's form). */
    @SuppressWarnings("unchecked")
    static void check(String name, Module<?, ?> module, Data input) {
        TorchGolden2.Case c = TorchGolden2.get(name);
        Module<Data, Data> m = (Module<Data, Data>) module;
        Map<Object, Object> expected = c.expected();
        m.zeroGradParameters();
        Data y = TorchGolden2BridgeTest.copy(m.forward(input));
        TorchGolden2.assertClose((Data) expected.get("output"), y, c.rel(), name + " output");
        // in Torch's form: SparseLinear lists Lua's 1-based feature numbers beside its gradients
        Data gi = io.github.nn4j.torch7.T7Bridge.gradInputToLua(m, m.backward(input, (Data) c.load("gradOutput.t7")));
        Object egi = expected.get("gradInput"); // an empty Lua table converts to an empty map
        TorchGolden2.assertClose(egi instanceof Data d ? d : TorchGolden2.table(egi), gi, c.rel(), name + " gradInput");
        Table grads = new Table();
        for (Parameter p : m.parameters()) {
            grads.add(p.grad());
        }
        TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), grads, c.rel(), name + " gradParams");
    }

    static void check(String name, Module<?, ?> m) {
        check(name, m, (Data) TorchGolden2.get(name).load("input.t7"));
    }

    @Test
    void copiesAndReductions() {
        check("copy", new Copy("torch.DoubleTensor", "torch.DoubleTensor"));
        check("contiguous", new Contiguous());
        check("mean", new Mean(1));
        check("mean_ninputdims", new Mean(0, 1));
        check("sum", new Sum(0));
        check("sum_sizeaverage", new Sum(1, 0, true, true));
    }

    @Test
    void views() {
        check("transpose", new Transpose(new int[] {0, 1}));
        check("transpose_multi", new Transpose(new int[] {0, 2}, new int[] {1, 2}));
        check("narrow", new Narrow(1, 1, 2));
        check("narrow_neg_length", new Narrow(0, 1, -2));
        check("select", new Select(1, 2));
        check("select_neg", new Select(-1, -2));
        check("replicate", new Replicate(3));
        check("replicate_dim", new Replicate(2, 1, 1));
        check("squeeze", new Squeeze());
        check("squeeze_dim", new Squeeze(1));
        check("unsqueeze", new Unsqueeze(1));
        check("unsqueeze_ninputdims", new Unsqueeze(0, 1));
        check("padding", new Padding(0, 2));
        check("padding_neg_value", new Padding(0, -2, 1, 0.5, 0));
    }

    @Test
    void indicesAndContainers() {
        TorchGolden2.Case c = TorchGolden2.get("index");
        Table in = (Table) c.load("input.t7");
        check("index", new Index(0), Table.of(in.tensor(0), LuaIndex.shift(in.tensor(1))));
        check("maskedselect", new MaskedSelect());
        Bottle b = new Bottle(new Linear(6, 3));
        copyParameters("bottle", b);
        check("bottle", b);
    }

    @Test
    void lookupTable() {
        for (String name : new String[] {"lookuptable", "lookuptable_1d", "lookuptable_maxnorm"}) {
            LookupTable m = name.endsWith("maxnorm") ? new LookupTable(6, 3, -1, 1, 2) : new LookupTable(6, 3);
            copyParameters(name, m);
            check(name, m, LuaIndex.shift((Tensor) TorchGolden2.get(name).load("input.t7")));
            sameSeedSameWeights(name, () -> new LookupTable(6, 3));
        }
        sameSeedSameWeights("bottle", () -> new Bottle(new Linear(6, 3)));
    }

    @Test
    void sparseLinear() {
        SparseLinear one = new SparseLinear(9, 3, true);
        copyParameters("sparselinear", one);
        check("sparselinear", one, one.fromLua((Data) TorchGolden2.get("sparselinear").load("input.t7")));
        Tensor g = (Tensor) one.gradInputs().get(0);
        for (int r = 0; r < 9; r++) {
            assertEquals(r, g.get(r, 0), 0.0, "Java's gradInput numbers the features from 0");
        }
        sameSeedSameWeights("sparselinear", () -> new SparseLinear(9, 3, true));
        SparseLinear batch = new SparseLinear(9, 3);
        copyParameters("sparselinear_batch", batch);
        check("sparselinear_batch", batch, batch.fromLua((Data) TorchGolden2.get("sparselinear_batch").load("input.t7")));
        sameSeedSameWeights("sparselinear_batch", () -> new SparseLinear(9, 3));
        assertMessage(() -> new SparseLinear(9, 3).forward(Tensor.of(new double[][] {{9, 1}})), "nn.SparseLinear",
                "index 9.0", "[0, 9)");
        assertMessage(() -> new SparseLinear(9, 3).forward(Tensor.zeros(2, 3)), "nn.SparseLinear", "[2, 3]");
        assertMessage(() -> new SparseLinear(0, 3), "nn.SparseLinear(0, 3)", "positive");
    }

    /** Copies the parameters of the case's model.t7 (loaded through the bridge) into {@code m}. */
    static void copyParameters(String name, Module<?, ?> m) {
        Module<?, ?> torch = (Module<?, ?>) TorchGolden2.get(name).load("model.t7");
        for (int k = 0; k < m.parameters().size(); k++) {
            m.parameters().get(k).value().copy(torch.parameters().get(k).value());
        }
    }

    /** {@code manualSeed(case seed)} and the Java constructor give exactly model.t7's weights. */
    static void sameSeedSameWeights(String name, java.util.function.Supplier<Module<?, ?>> make) {
        TorchGolden2.Case c = TorchGolden2.get(name);
        io.github.nn4j.TorchRandom.manualSeed(c.seed());
        Module<?, ?> m = make.get();
        Module<?, ?> torch = (Module<?, ?>) c.load("model.t7");
        assertEquals(torch.parameters().size(), m.parameters().size());
        for (int k = 0; k < m.parameters().size(); k++) {
            assertEquals(0.0, m.parameters().get(k).value().maxAbsDiff(torch.parameters().get(k).value()),
                    name + " parameter " + k);
        }
    }

    // ------------------------------------------------------------------ errors

    static void assertMessage(Executable e, String... parts) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        for (String p : parts) {
            assertTrue(x.getMessage().contains(p), () -> "'" + p + "' missing in: " + x.getMessage());
        }
    }

    @Test
    void wrongInputsNameModuleAndShape() {
        assertMessage(() -> new Sum(2).forward(Tensor.zeros(2, 3)), "nn.Sum", "[2, 3]", "at least 3 dimensions");
        assertMessage(() -> new Narrow(0, 2, 3).forward(Tensor.zeros(4)), "nn.Narrow", "[4]", "at least 5");
        assertMessage(() -> new Select(0, 3).forward(Tensor.zeros(3, 2)), "nn.Select", "[3, 2]");
        assertMessage(() -> new Select(0, 0).forward(Tensor.zeros(3)), "nn.Select", "[3]", "at least 2 dimensions");
        assertMessage(() -> new Transpose(new int[] {0, 2}).forward(Tensor.zeros(3, 2)), "nn.Transpose", "[3, 2]");
        assertMessage(() -> new Replicate(2, 2, 0).forward(Tensor.zeros(3)), "nn.Replicate", "[3]");
        assertMessage(() -> new Squeeze(3).forward(Tensor.zeros(3, 1)), "nn.Squeeze", "[3, 1]");
        assertMessage(() -> new Unsqueeze(2).forward(Tensor.zeros(3)), "nn.Unsqueeze(dim 3)", "[3]");
        assertMessage(() -> new Unsqueeze(0, 2).forward(Tensor.zeros(3)), "nn.Unsqueeze(dim 1)", "[3]");
        assertMessage(() -> new Padding(1, 2).forward(Tensor.zeros(3)), "nn.Padding", "[3]");
        assertMessage(() -> new Padding(0, 2, 0, 0, 4).forward(Tensor.zeros(3)), "nn.Padding", "[3]");
        assertMessage(() -> new LookupTable(6, 3).forward(Tensor.of(0, 6)), "nn.LookupTable", "index 6.0", "[0, 6)");
        assertMessage(() -> new LookupTable(6, 3).forward(Tensor.of(0.5)), "nn.LookupTable", "index 0.5");
        assertMessage(() -> new LookupTable(6, 3).forward(Tensor.zeros(1, 1, 1)), "nn.LookupTable", "[1, 1, 1]");
        assertMessage(() -> new Index(1).forward(Tensor.zeros(3), Tensor.of(0)), "nn.Index", "[3]");
        assertMessage(() -> new Index(0).forward(Tensor.zeros(3), Tensor.of(3)), "nn.Index", "index 3.0", "[0, 3)");
        assertMessage(() -> new MaskedSelect().forward(Tensor.zeros(3), Tensor.of(1, 0)), "nn.MaskedSelect", "[3]", "[2]");
        assertMessage(() -> new MaskedSelect().forward(Tensor.zeros(2), Tensor.of(1, 2)), "nn.MaskedSelect", "0 and 1", "2.0");
        assertMessage(() -> new Bottle(new Linear(6, 3), 2, 3).forward(Tensor.zeros(2, 2, 6)), "nn.Bottle",
                "output dimensions", "[4, 3]");
        Sum s = new Sum(0);
        s.forward(Tensor.zeros(2, 3));
        assertMessage(() -> s.backward(Tensor.zeros(2, 3), Tensor.zeros(2)), "nn.Sum", "[2]", "[2, 3]");
        Narrow n = new Narrow(0, 0, 1);
        n.forward(Tensor.zeros(2, 3));
        assertMessage(() -> n.backward(Tensor.zeros(2, 3), Tensor.zeros(3)), "nn.Narrow", "[3]", "[1, 3]");
    }

    @Test
    void badConstructorArgumentsAreRefused() {
        assertMessage(() -> new Copy("double", "torch.DoubleTensor"), "nn.Copy", "double");
        assertMessage(() -> new Sum(0, -1, false, true), "nInputDims", "-1");
        assertMessage(() -> new Narrow(0, -1, 2), "nn.Narrow", "offset", "-1");
        assertMessage(() -> new Narrow(0, 1, 0), "nn.Narrow", "length");
        assertMessage(() -> new Transpose(new int[] {0}), "nn.Transpose", "[0]");
        assertMessage(() -> new Transpose(new int[] {-1, 0}), "nn.Transpose", "[-1, 0]");
        assertMessage(() -> new Replicate(0), "nn.Replicate", "nfeatures", "0");
        assertMessage(() -> new Replicate(2, -1, 0), "nn.Replicate", "-1");
        assertMessage(() -> new Squeeze(-2), "nn.Squeeze", "-2");
        assertMessage(() -> new Unsqueeze(-1), "nn.Unsqueeze", "-1");
        assertMessage(() -> new Padding(-1, 2), "nn.Padding", "-1");
        assertMessage(() -> new LookupTable(0, 3), "nn.LookupTable(0, 3)", "positive");
        assertMessage(() -> new LookupTable(6, 3, -1, 0, 2), "nn.LookupTable", "maxNorm", "0.0");
        assertMessage(() -> new LookupTable(6, 3, -1, 1, -1), "nn.LookupTable", "normType", "-1.0");
        assertMessage(() -> new Index(-1), "nn.Index", "-1");
        assertMessage(() -> new Bottle(new Linear(6, 3), 0, 2), "nn.Bottle", "positive");
    }

    @Test
    void viewsShareAndCopiesDoNot() {
        Tensor x = Tensor.uniform(-1, 1, 2, 1, 3);
        assertTrue(new Squeeze().forward(x).sharesStorageWith(x));
        assertTrue(new Unsqueeze(0).forward(x).sharesStorageWith(x));
        assertTrue(new Contiguous().forward(x).sharesStorageWith(x));
        assertTrue(new Copy().forward(x).sharesStorageWith(x));
        assertTrue(!new Copy("torch.DoubleTensor", "torch.DoubleTensor", true, false).forward(x).sharesStorageWith(x));
        assertEquals("[3, 1, 2]", new Transpose(new int[] {0, 2}).forward(x).shapeString());
    }
}
