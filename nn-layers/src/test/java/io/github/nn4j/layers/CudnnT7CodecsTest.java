package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

/**
 * {@link CudnnT7Codecs} on objects built here (the real cuDNN files are checked by
 * {@link TorchGolden3BridgeTest}): the softmax modes by their defining sums, the aliases' fields,
 * DataParallelTable's unwrapping.
 */
class CudnnT7CodecsTest {

    private static T7Object object(String cls, Object... kv) {
        T7Object o = T7Object.withFields(cls);
        for (int i = 0; i < kv.length; i += 2) {
            o.fields().put(kv[i], kv[i + 1]);
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Module<Tensor, Tensor> load(T7Object o) throws IOException {
        return (Module<Tensor, Tensor>) T7Bridge.toJava(o);
    }

    /** Sum of {@code exp(y)} (log) or {@code y} over {@code [from, to)}. */
    private static double sum(Tensor y, int from, int to, boolean log) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += log ? Math.exp(y.data()[i]) : y.data()[i];
        }
        return s;
    }

    @Test
    void softMaxThatRanOnPlanesNormalisesEachSampleAsAWhole() throws IOException {
        for (boolean log : new boolean[] {false, true}) {
            T7Object o = object(log ? "cudnn.LogSoftMax" : "cudnn.SoftMax", "mode", "CUDNN_SOFTMAX_MODE_INSTANCE",
                    "iSize", T7Storage.wrap(new long[] {2, 3, 4, 5}));
            Module<Tensor, Tensor> m = load(o);
            Tensor x = Tensor.uniform(-2, 2, 2, 3, 4, 5);
            Tensor y = m.forward(x);
            assertTrue(y.hasSize(2, 3, 4, 5));
            for (int n = 0; n < 2; n++) {
                assertEquals(1, sum(y, n * 60, (n + 1) * 60, log), 1e-12, "sample " + n + " sums to 1");
            }
            // a single sample [C, H, W] is one instance
            Tensor one = m.forward(Tensor.uniform(-2, 2, 3, 4, 5));
            assertEquals(1, sum(one, 0, 60, log), 1e-12);
            // another plane size fails loudly in the View instead of normalising otherwise
            assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.uniform(-1, 1, 2, 3, 4, 4)));
        }
    }

    @Test
    void softMaxNeverRunIsInInstanceModeAndSpatialSoftMaxNormalisesThePlanes() throws IOException {
        for (boolean log : new boolean[] {false, true}) {
            Module<Tensor, Tensor> m = load(object(log ? "cudnn.LogSoftMax" : "cudnn.SoftMax", "algorithm",
                    "CUDNN_SOFTMAX_ACCURATE"));
            assertTrue(log ? ((LogSoftMax) (Object) m).isInstanceMode() : ((SoftMax) (Object) m).isInstanceMode());
            Tensor y = m.forward(Tensor.uniform(-2, 2, 2, 3, 4, 5));
            for (int n = 0; n < 2; n++) {
                assertEquals(1, sum(y, n * 60, (n + 1) * 60, log), 1e-12, "sample " + n + " sums to 1");
            }
            Tensor rows = m.forward(Tensor.uniform(-2, 2, 3, 7));
            for (int n = 0; n < 3; n++) {
                assertEquals(1, sum(rows, n * 7, (n + 1) * 7, log), 1e-12, "row " + n + " sums to 1");
            }
        }
        // iSize of a 2-D input: planes of 1x1, no View needed
        assertInstanceOf(SoftMax.class, load(object("cudnn.SoftMax", "iSize", T7Storage.wrap(new long[] {4, 6, 1, 1}))));
        Module<Tensor, Tensor> spatial = load(object("cudnn.SpatialSoftMax", "mode", "CUDNN_SOFTMAX_MODE_CHANNEL"));
        Tensor y = spatial.forward(Tensor.uniform(-2, 2, 2, 3, 4, 5));
        for (int n = 0; n < 2; n++) {
            for (int p = 0; p < 20; p++) {
                double s = 0;
                for (int c = 0; c < 3; c++) {
                    s += y.data()[(n * 3 + c) * 20 + p];
                }
                assertEquals(1, s, 1e-12, "sample " + n + ", position " + p);
            }
        }
        assertInstanceOf(LogSoftMax.class, load(object("cudnn.SpatialLogSoftMax")));
    }

    @Test
    void lrnKeepsItsFields() throws IOException {
        SpatialCrossMapLRN m = (SpatialCrossMapLRN) (Object) load(object("cudnn.SpatialCrossMapLRN", "size", 3.0,
                "alpha", 2e-4, "beta", 0.5, "k", 2.0));
        assertEquals(3, m.size());
        assertEquals(2e-4, m.alpha());
        assertEquals(0.5, m.beta());
        assertEquals(2.0, m.k());
    }

    @Test
    void dilatedConvolutionKeepsItsGeometryAndWeights() throws IOException {
        SpatialDilatedConvolution nn = new SpatialDilatedConvolution(2, 3, 3, 3, 1, 2, 2, 1, 2, 3);
        T7Object o = (T7Object) T7Bridge.toT7(nn);
        T7Object cudnn = new T7Object("cudnn.SpatialDilatedConvolution", 1, o.fields());
        cudnn.fields().put("groups", 1.0).put("iSize", T7Storage.wrap(new long[] {2, 2, 9, 9}));
        SpatialDilatedConvolution back = (SpatialDilatedConvolution) (Object) load(cudnn);
        assertEquals(nn.toString(), back.toString());
        Tensor x = Tensor.uniform(-1, 1, 2, 2, 9, 9);
        assertEquals(0, nn.forward(x).maxAbsDiff(back.forward(x)));
        cudnn.fields().put("groups", 2.0);
        String msg = assertThrows(IOException.class, () -> load(cudnn)).getMessage();
        assertTrue(msg.contains("groups 2"), msg);
    }

    @Test
    void dataParallelTableIsTheModuleItWraps() throws IOException {
        T7Object linear = (T7Object) T7Bridge.toT7(new Linear(3, 2));
        T7Object dpt = T7Object.withFields("nn.DataParallelTable");
        dpt.fields().put("modules", T7Table.listOf(linear)).put("dimension", 1.0)
                .put("gpuAssignments", T7Table.listOf(1.0, 2.0)).put("output", T7Tensor.empty(
                        io.github.nn4j.torch7.T7ElementType.FLOAT));
        Linear back = (Linear) (Object) load(dpt);
        assertEquals("nn.Linear(3 -> 2)", back.toString());
        String msg = assertThrows(IOException.class, () -> load(T7Object.withFields("nn.DataParallelTable")))
                .getMessage();
        assertTrue(msg.contains("nn.DataParallelTable") && msg.contains("modules"), msg);
    }
}
