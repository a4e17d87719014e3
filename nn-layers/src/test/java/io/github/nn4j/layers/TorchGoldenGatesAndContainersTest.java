package io.github.nn4j.layers;

import static io.github.nn4j.layers.TorchGolden.fromLua;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.nn4j.Module;
import io.github.nn4j.torch7.T7Object;

/**
 * The modules of this package against real Lua Torch7 ({@code src/test/resources/torch-golden}):
 * each Java module is built from the fields Torch saved (Lua's 1-based dimension and index
 * converted to 0-based), then output, gradInput and parameter gradients must equal Torch's to a
 * relative 1e-12.
 */
class TorchGoldenGatesAndContainersTest {

    @ParameterizedTest
    @ValueSource(strings = {"max_dim1", "max_dim2", "max_batch", "min_dim1", "min_batch", "caddtable", "cmultable",
        "cmaxtable", "csubtable", "jointable", "selecttable", "view_batch", "view_nonbatch", "reshape_batch"})
    void matchesTorch(String name) {
        TorchGolden.Case c = TorchGolden.load(name);
        TorchGolden.check(build(c.model()), c);
    }

    /** A module of this package from Torch's saved fields. */
    static Module<?, ?> build(T7Object t) {
        return switch (t.className()) {
            case "nn.Max" -> new Max(fromLua(t.getNumber("dimension")), t.getInt("nInputDims", 0));
            case "nn.Min" -> new Min(fromLua(t.getNumber("dimension")), t.getInt("nInputDims", 0));
            case "nn.CAddTable" -> new CAddTable(t.getBoolean("inplace", false));
            case "nn.CSubTable" -> new CSubTable();
            case "nn.CMulTable" -> new CMulTable();
            case "nn.CMaxTable" -> new CMaxTable();
            case "nn.JoinTable" -> new JoinTable(fromLua(t.getNumber("dimension")), t.getInt("nInputDims", 0));
            case "nn.SelectTable" -> new SelectTable(fromLua(t.getNumber("index")));
            case "nn.View" -> new View(TorchGolden.ints(t.getStorage("size"))).setNumInputDims(t.getInt("numInputDims", 0));
            case "nn.Reshape" -> t.has("batchMode")
                    ? new Reshape(TorchGolden.ints(t.getStorage("size")), t.getBoolean("batchMode"))
                    : new Reshape(TorchGolden.ints(t.getStorage("size")));
            default -> throw new IllegalArgumentException("no builder for " + t.className());
        };
    }
}
