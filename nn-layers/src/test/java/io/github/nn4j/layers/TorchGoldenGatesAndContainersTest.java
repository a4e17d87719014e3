package io.github.nn4j.layers;

import static io.github.nn4j.layers.TorchGolden.fromLua;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Tensor;

/**
 * The modules of this package against real Lua Torch7 ({@code src/test/resources/torch-golden}):
 * each Java module is built from the fields Torch saved (Lua's 1-based dimension and index
 * converted to 0-based; containers built recursively from their {@code modules}, with the
 * simple layers' weights copied in), then output, gradInput and parameter gradients must equal
 * Torch's to a relative 1e-12.
 */
class TorchGoldenGatesAndContainersTest {

    @ParameterizedTest
    @ValueSource(strings = {"max_dim1", "max_dim2", "max_batch", "min_dim1", "min_batch", "caddtable", "cmultable",
        "cmaxtable", "csubtable", "jointable", "selecttable", "view_batch", "view_nonbatch", "reshape_batch",
        "mlp", "residual", "concattable", "paralleltable"})
    void matchesTorch(String name) {
        TorchGolden.Case c = TorchGolden.load(name);
        TorchGolden.check(build(c.model()), c);
    }

    private static List<Module<?, ?>> children(T7Object t) {
        List<Module<?, ?>> out = new ArrayList<>();
        for (Object o : t.getTable("modules").list()) {
            out.add(build((T7Object) o));
        }
        return out;
    }

    /** A module of this package from Torch's saved fields (containers recursively). */
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
            case "nn.Sequential" -> {
                Sequential<Data, Data> s = new Sequential<>();
                children(t).forEach(s::add);
                yield s;
            }
            case "nn.ConcatTable" -> {
                ConcatTable<Data> c = new ConcatTable<>();
                children(t).forEach(c::add);
                yield c;
            }
            case "nn.ParallelTable" -> {
                ParallelTable p = new ParallelTable();
                children(t).forEach(p::add);
                yield p;
            }
            case "nn.Concat" -> {
                Concat c = new Concat(fromLua(t.getNumber("dimension")));
                children(t).forEach(c::add);
                yield c;
            }
            case "nn.Linear" -> {
                Tensor w = t.getTensor("weight").toTensor();
                T7Tensor b = t.optTensor("bias");
                Linear l = new Linear(w.size(1), w.size(0), b != null);
                l.weight().copy(w);
                if (b != null) {
                    l.bias().copy(b.toTensor());
                }
                yield l;
            }
            case "nn.ReLU" -> new ReLU(t.getBoolean("inplace", false));
            case "nn.Identity" -> new Identity();
            case "nn.Tanh" -> new Tanh();
            case "nn.Sigmoid" -> new Sigmoid();
            default -> throw new IllegalArgumentException("no builder for " + t.className());
        };
    }
}
