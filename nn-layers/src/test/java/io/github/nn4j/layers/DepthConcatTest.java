package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class DepthConcatTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new DepthConcat(1).add(new CMul(3, 5, 6)).add(new CornerCrop(2, 3));
    }

    @Override
    protected Data sampleInput() {
        return uniform(3, 5, 6);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 3, 5, 6);
    }

    @Override
    protected String expectedToString() {
        return "nn.DepthConcat {\n"
                + "  input\n"
                + "    |`-> (1): nn.CMul\n"
                + "     `-> (2): nn.CornerCrop(2, 3)\n"
                + "     ... -> output\n"
                + "}";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 4);
    }

    @Test
    void smallerOutputsAreCentredAsTorchsWindowNarrow() {
        // [2, 9] and its corner [2 - 1, 9 - 5] = [1, 4] along dim 0: the small one starts at
        // floor((2 - 1) / 2) = 0 in dim 0 and floor((9 - 4) / 2) = 2 in dim 1
        DepthConcat m = new DepthConcat(0).add(new Identity()).add(new CornerCrop(1, 5));
        Tensor x = uniform(2, 9);
        Tensor y = m.forward(x);
        assertArrayEquals(new int[] {3, 9}, y.sizes());
        for (int c = 0; c < 9; c++) {
            assertEquals(x.get(0, c), y.get(0, c));
            assertEquals(x.get(1, c), y.get(1, c));
            assertEquals(c >= 2 && c < 6 ? x.get(0, c - 2) : 0.0, y.get(2, c), "padded row, column " + c);
        }
        Tensor g = uniform(3, 9);
        Tensor gi = m.backward(x, g);
        for (int c = 0; c < 9; c++) {
            double fromCrop = c < 4 ? g.get(2, c + 2) : 0.0;
            assertEquals(g.get(0, c) + fromCrop, gi.get(0, c), 1e-15, "column " + c);
            assertEquals(g.get(1, c), gi.get(1, c), 1e-15);
        }
    }

    @Test
    void anOddDifferenceLeavesOneMoreAfterThanBefore() {
        // 9 vs 4: Torch's comment: start = floor((9 - 4) / 2) + 1 = 3 (1-based), 2 before and 3 after
        DepthConcat m = new DepthConcat(0).add(new Identity()).add(new CornerCrop(0, 5));
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 9);
        Tensor y = m.forward(x);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 1, 2, 3, 4, 0, 0, 0}, y.toArray());
    }

    @Test
    void codecWritesAndReadsTorchsFields(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DepthConcat m = new DepthConcat(1).add(new Linear(4, 3)).add(new Linear(4, 2));
        io.github.nn4j.torch7.T7Object o = (io.github.nn4j.torch7.T7Object) io.github.nn4j.torch7.T7Bridge.toT7(m);
        assertEquals(2.0, o.getNumber("dimension"));
        assertTrue(o.get("outputSize") instanceof io.github.nn4j.torch7.T7Storage);
        java.nio.file.Path f = dir.resolve("dc.t7");
        io.github.nn4j.torch7.T7Bridge.save(f, m, false);
        DepthConcat back = (DepthConcat) io.github.nn4j.torch7.T7Bridge.loadModule(f);
        assertEquals(1, back.dimension());
        assertEquals(m.toString(), back.toString());
        Tensor x = uniform(2, 4);
        assertEquals(0.0, back.forward(x).maxAbsDiff(m.forward(x)));
        // Torch's own file holds the fields the reader takes: dimension, modules, outputSize
        java.nio.file.Path golden = io.github.nn4j.testing.TorchGolden2.get("depthconcat").file("model.t7");
        io.github.nn4j.torch7.T7Object t = (io.github.nn4j.torch7.T7Object) io.github.nn4j.torch7.Torch7.load(golden);
        assertEquals("nn.DepthConcat", t.className());
        assertEquals(2.0, t.getNumber("dimension"));
        assertTrue(t.get("outputSize") instanceof io.github.nn4j.torch7.T7Storage);
        assertTrue(t.get("modules") instanceof io.github.nn4j.torch7.T7Table);
    }

    @Test
    void childrenWithDifferentDimensionCountsAreRefused() {
        DepthConcat m = new DepthConcat(0).add(new Identity()).add(new View(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(uniform(2, 3)));
        assertTrue(e.getMessage().startsWith("nn.DepthConcat along dimension 0: child 1 gives [6]"), e.getMessage());
    }
}
