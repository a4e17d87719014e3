package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.testing.SharedFixtures;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.Torch7;

/**
 * Convolutions of real files of 2013–14 (torch/demos, see {@code t7-wild/README.md} §1e): their
 * objects have no stride or padding fields, which the module of that time did not have.
 */
class ConvolutionOldFilesTest {

    private static T7Object child(T7Object container, int index) {
        return (T7Object) container.fields().getTable("modules").list().get(index);
    }

    @Test
    void oldSpatialConvolutionMMLoadsWithStrideOneAndNoPadding() throws IOException {
        Path dir = SharedFixtures.requireDir("fixtures/t7-wild/torch-demos");
        T7Object root = (T7Object) Torch7.load(dir.resolve("face-detector-new_face.net"));
        T7Object first = child(child(root, 0), 0);
        assertEquals("nn.SpatialConvolutionMM", first.className());
        assertTrue(first.get("dW") == null && first.get("padW") == null, "the old format has no stride or padding");
        SpatialConvolutionMM m = assertInstanceOf(SpatialConvolutionMM.class, T7Bridge.toJava(first));
        assertEquals("nn.SpatialConvolutionMM(1 -> 8, 5x5)", m.toString());
        Tensor w = first.getTensor("weight").toTensor();
        assertTrue(m.weight().hasSize(8, 25));
        assertEquals(0.0, m.weight().maxAbsDiff(w));
        assertEquals(0.0, m.bias().maxAbsDiff(first.getTensor("bias").toTensor()));

        Tensor x = ((Tensor) T7Bridge.load(dir.resolve("face_new_batch/input.t7")));
        Tensor y = m.forward(x);
        assertTrue(y.hasSize(5, 8, 28, 28), y.shapeString());
        for (int[] at : new int[][] {{0, 0, 0, 0}, {4, 7, 27, 27}, {2, 3, 10, 17}}) {
            double s = m.bias().get(at[1]);
            for (int kh = 0; kh < 5; kh++) {
                for (int kw = 0; kw < 5; kw++) {
                    s += w.get(at[1], kh * 5 + kw) * x.get(at[0], 0, at[2] + kh, at[3] + kw);
                }
            }
            assertEquals(s, y.get(at), 1e-12);
        }
        T7Object second = child(child(root, 0), 3);
        assertEquals("nn.SpatialConvolutionMM(8 -> 64, 7x7)", T7Bridge.toJava(second).toString());
    }

    @Test
    void oldSpatialConvolutionWithoutPaddingFieldsLoadsWithoutPadding() throws IOException {
        Path dir = SharedFixtures.requireDir("fixtures/t7-wild/torch-demos");
        T7Object root = (T7Object) Torch7.load(dir.resolve("road-net_u1net.net"));
        T7Object conv = child(root, 0);
        assertTrue(conv.get("padW") == null);
        SpatialConvolution m = assertInstanceOf(SpatialConvolution.class, T7Bridge.toJava(conv));
        assertEquals("nn.SpatialConvolution(3 -> 12, 9x9)", m.toString());
        assertEquals(0.0, m.weight().maxAbsDiff(conv.getTensor("weight").toTensor()));
        assertTrue(m.forward(Tensor.zeros(1, 3, 9, 9)).hasSize(1, 12, 1, 1));
    }
}
