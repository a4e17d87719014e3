package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * Test helper for the golden cases in {@code src/test/resources/torch-golden} (copied from the
 * shared golden set, see its README): loads a case, converts Lua's 1-based dimensions and indices
 * of the saved module's fields to Java's 0-based ones, and compares results with Torch's to a
 * relative 1e-12 plus 1e-14 absolute.
 */
final class TorchGolden {

    /** Relative tolerance. */
    static final double REL = 1e-12;
    /** Absolute tolerance. */
    static final double ABS = 1e-14;

    /** A loaded case. */
    record Case(String name, T7Object model, Data input, Data gradOutput, Data output, Data gradInput,
            List<Tensor> gradParams) {
    }

    private TorchGolden() {
    }

    static Case load(String name) {
        T7Object model = (T7Object) read(name, "model.t7");
        T7Table expected = (T7Table) read(name, "expected.t7");
        List<Tensor> gradParams = new ArrayList<>();
        T7Table gp = expected.getTable("gradParams");
        for (Object o : gp.list()) {
            gradParams.add(((T7Tensor) o).toTensor());
        }
        return new Case(name, model, toData(read(name, "input.t7")), toData(read(name, "gradOutput.t7")),
                toData(expected.get("output")), toData(expected.get("gradInput")), gradParams);
    }

    private static Object read(String name, String file) {
        URL url = TorchGolden.class.getResource("/torch-golden/" + name + "/" + file);
        if (url == null) {
            throw new IllegalStateException("missing test resource torch-golden/" + name + "/" + file);
        }
        try {
            return Torch7.load(Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Lua tensor or (nested) array table of tensors as nn4j data. */
    static Data toData(Object o) {
        if (o instanceof T7Tensor t) {
            return t.toTensor();
        }
        if (o instanceof T7Table t) {
            Table out = new Table();
            for (Object e : t.list()) {
                out.add(toData(e));
            }
            return out;
        }
        throw new IllegalArgumentException("not a tensor or table: " + o);
    }

    /** Lua's dimension or index (1-based, negative from the end) as Java's (0-based, negative from the end). */
    static int fromLua(double luaIndex) {
        int i = (int) luaIndex;
        return i > 0 ? i - 1 : i;
    }

    static int[] ints(T7Storage s) {
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) s.getDouble(i);
        }
        return out;
    }

    /**
     * Runs forward and backward (into zeroed parameter gradients) and compares output, gradInput
     * and parameter gradients with Torch's.
     *
     * @param m the Java module built from the case's model
     * @param c the case
     */
    @SuppressWarnings("unchecked")
    static void check(Module<?, ?> m, Case c) {
        Module<Data, Data> module = (Module<Data, Data>) m;
        module.zeroGradParameters();
        Data out = module.forward(c.input());
        assertClose(c.output(), out, c.name() + " output");
        Data gi = module.backward(c.input(), c.gradOutput());
        assertClose(c.gradInput(), gi, c.name() + " gradInput");
        List<Parameter> ps = module.parameters();
        assertEquals(c.gradParams().size(), ps.size(), c.name() + " parameter count");
        for (int k = 0; k < ps.size(); k++) {
            assertClose(c.gradParams().get(k), ps.get(k).grad(), c.name() + " gradient of parameter " + k);
        }
    }

    static void assertClose(Data expected, Data actual, String what) {
        assertEquals(expected.shapeString(), actual.shapeString(), what + " shape");
        if (expected instanceof Tensor e) {
            Tensor a = (Tensor) actual;
            double[] x = e.data();
            double[] y = a.data();
            for (int i = 0; i < e.numel(); i++) {
                double tol = REL * Math.abs(x[i]) + ABS;
                int at = i;
                assertTrue(Math.abs(x[i] - y[i]) <= tol,
                        () -> what + " element " + at + ": Torch " + x[at] + ", nn4j " + y[at]);
            }
        } else {
            Table e = (Table) expected;
            Table a = (Table) actual;
            for (int i = 0; i < e.size(); i++) {
                assertClose(e.get(i), a.get(i), what + "[" + i + "]");
            }
        }
    }
}
