package io.github.nn4j.torch7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.Affine;

class T7BridgeTest {

    /** A codec for the test module, as a layer package would write one. */
    static final class AffineCodec implements T7Codec<Affine> {
        @Override
        public String torchClass() {
            return "nn.Affine";
        }

        @Override
        public Class<Affine> javaClass() {
            return Affine.class;
        }

        @Override
        public Affine read(T7Object object, T7Bridge.Reading in) throws T7ModuleException {
            Tensor w = in.tensor(object, "weight");
            Tensor b = in.tensor(object, "bias");
            Affine a = new Affine(w.numel(), Affine.Fault.NONE);
            a.parameters().get(0).value().copy(w);
            a.parameters().get(1).value().copy(b);
            return a;
        }

        @Override
        public void write(Affine value, T7Table fields, T7Bridge.Writing out) {
            for (Parameter p : value.parameters()) {
                fields.put(p.name(), out.tensor(p.value()));
                fields.put("grad" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1),
                        out.tensor(p.grad()));
            }
        }
    }

    @BeforeAll
    static void register() {
        T7Bridge.register(new AffineCodec());
    }

    @Test
    void moduleRoundTripsThroughBothEncodings(@TempDir Path dir) throws Exception {
        TorchRandom.manualSeed(3);
        Affine a = new Affine(4, Affine.Fault.NONE);
        a.evaluate();
        Tensor x = Tensor.uniform(-1, 1, 2, 4);
        Tensor expected = a.forward(x).clone();
        for (boolean ascii : new boolean[] {false, true}) {
            Path f = dir.resolve(ascii ? "a_ascii.t7" : "a.t7");
            T7Bridge.save(f, a, ascii);
            Module<?, ?> m = T7Bridge.loadModule(f);
            Affine b = assertInstanceOf(Affine.class, m);
            assertEquals(0.0, b.forward(x).maxAbsDiff(expected));
            assertTrue(!b.isTraining(), "train = false is restored");
            T7Object raw = (T7Object) Torch7.load(f);
            assertEquals("torch.DoubleTensor", raw.getString("_type"));
        }
    }

    @Test
    void unsupportedClassesAreNamedWithTheirPlace() {
        T7Table list = T7Table.listOf(T7Tensor.fromTensor(Tensor.of(1, 2)),
                T7Object.withFields("nn.SpatialConvolution"));
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(list));
        assertEquals("[2]: nn.SpatialConvolution is not supported", e.getMessage());
        assertEquals("[2]", e.path());
    }

    @Test
    void anUnsupportedClassWithoutAFieldTableIsStillTheDocumentedException() {
        // found by T7MutantsTest: listing the fields of a mangled nn.* object with a nil payload threw
        // IllegalStateException from T7Object.fields()
        T7Table list = T7Table.listOf(new T7Object("nn.Li\u0001", 0, null), new T7Object("nn.x", 0, "s"));
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(list));
        assertEquals("[1]", e.path());
        assertTrue(e.getMessage().contains("is not supported"), e.getMessage());
    }

    @Test
    void unsupportedClassesListTheFieldsTheyHold() {
        T7Object conv = T7Object.withFields("cudnn.SpatialConvolution");
        conv.fields().put("nInputPlane", 3.0);
        conv.fields().put("groups", 2.0);
        conv.fields().put("weight", T7Tensor.fromTensor(Tensor.of(1, 2)));
        T7Table list = T7Table.listOf(T7Tensor.fromTensor(Tensor.of(1, 2)), conv);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(list));
        assertEquals("[2]: cudnn.SpatialConvolution is not supported (fields: groups, nInputPlane, weight;"
                + " register a codec with T7Bridge.register)", e.getMessage());
    }

    @Test
    void missingFieldsAreModuleExceptions() {
        T7Object o = T7Object.withFields("nn.Affine");
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(o));
        assertTrue(e.getMessage().contains("missing tensor field weight"), e.getMessage());
    }

    @Test
    void tablesOfTensorsBecomeTablesAndSharedTensorsStayShared() throws Exception {
        T7Tensor t = T7Tensor.fromTensor(Tensor.of(1, 2, 3));
        Object j = T7Bridge.toJava(T7Table.listOf(t, t));
        Table table = assertInstanceOf(Table.class, j);
        assertSame(table.get(0), table.get(1));
        Object back = T7Bridge.toT7(table);
        T7Table tb = assertInstanceOf(T7Table.class, back);
        assertSame(tb.getAt(0), tb.getAt(1));
    }

    @Test
    void classesWithoutCodecCannotBeSaved() {
        Module<?, ?> chain = new io.github.nn4j.Container<Tensor, Tensor>(Tensor.empty(), Tensor.empty()) {
            @Override
            public Tensor updateOutput(Tensor input) {
                return input;
            }

            @Override
            public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
                return gradOutput;
            }
        };
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toT7(chain));
        assertTrue(e.getMessage().contains("has no .t7 codec"), e.getMessage());
    }
}
