package io.github.nn4j.torch7;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * The golden {@code mlp} model bundled in the test resources (see golden/README.md there): runs
 * without the shared folder.
 */
class T7BundledGoldenTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = T7BundledGoldenTest.class.getResourceAsStream("golden/mlp/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test
    void binaryAndAsciiAgreeAndReserializeExactly() throws IOException {
        byte[] bin = resource("model.t7");
        byte[] asc = resource("model_ascii.t7");
        assertEquals(T7Encoding.BINARY, T7Reader.detect(bin));
        assertEquals(T7Encoding.ASCII, T7Reader.detect(asc));
        Object b = new T7Reader().read(bin);
        Object a = new T7Reader().read(asc);
        T7Deep.assertSameGraph(b, a);
        assertArrayEquals(bin, T7Writer.of(false).toBytes(b));
        assertArrayEquals(asc, T7Writer.of(true).toBytes(a));
    }

    /** Torch drew Linear(4,6)'s weight then bias, then Linear(6,2)'s, each from U(-1/sqrt(in), 1/sqrt(in)). */
    @Test
    void torchRandomReproducesTheInitialWeights() throws IOException {
        T7Object seq = (T7Object) new T7Reader().read(resource("model.t7"));
        List<Object> mods = seq.getTable("modules").list();
        assertEquals(List.of("nn.Linear", "nn.ReLU", "nn.Linear"),
                mods.stream().map(m -> ((T7Object) m).className()).toList());
        TorchRandom.manualSeed(2024030);
        for (Object m : List.of(mods.get(0), mods.get(2))) {
            T7Object linear = (T7Object) m;
            T7Tensor w = linear.getTensor("weight");
            int out = (int) w.size(0);
            int in = (int) w.size(1);
            double stdv = 1 / Math.sqrt(in);
            Tensor weight = Tensor.uniform(-stdv, stdv, out, in);
            Tensor bias = Tensor.uniform(-stdv, stdv, out);
            assertArrayEquals(w.toDoubleArray(), weight.toArray(), 0.0);
            assertArrayEquals(linear.getTensor("bias").toDoubleArray(), bias.toArray(), 0.0);
        }
    }
}
