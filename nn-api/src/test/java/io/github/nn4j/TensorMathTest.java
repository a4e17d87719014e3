package io.github.nn4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Torch-named maths of issue #15 item 7, each against an independent loop or formula. */
class TensorMathTest {

    private final TorchRandom rng = new TorchRandom(15);

    private Tensor rand(int... size) {
        return Tensor.zeros(size).uniform(rng, -2, 2);
    }

    @Test
    void mmAndAddmmAreTheTripleLoop() {
        Tensor a = rand(3, 4);
        Tensor b = rand(4, 5);
        Tensor c = rand(3, 5);
        Tensor c0 = c.clone();
        Tensor p = a.mm(b);
        c.addmm(0.5, 2.0, a, b);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += a.get(i, k) * b.get(k, j);
                }
                assertEquals(s, p.get(i, j), 1e-12);
                assertEquals(0.5 * c0.get(i, j) + 2 * s, c.get(i, j), 1e-12);
            }
        }
        Tensor res = Tensor.zeros(3, 5);
        double[] storage = res.data();
        assertSame(res, Tensor.mm(res, a, b));
        assertSame(storage, res.data());
        assertEquals(0, res.maxAbsDiff(p));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.mm(a));
        assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("by [3, 4]"), e.getMessage());
    }

    @Test
    void transposeSwapsIndices() {
        Tensor a = rand(3, 4);
        Tensor t = a.t();
        assertArrayEquals(new int[] {4, 3}, t.sizes());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(a.get(i, j), t.get(j, i));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).t());
    }

    @Test
    void elementWiseInPlaceAndIntoAResult() {
        Tensor x = rand(2, 3);
        Tensor y = rand(2, 3);
        double[] xs = x.toArray();
        double[] ys = y.toArray();
        Tensor res = Tensor.zeros(6);
        Tensor.cmul(res, x, y);
        Tensor q = Tensor.cdiv(Tensor.empty(), x, y);
        Tensor s = Tensor.add(Tensor.empty(), x, 3, y);
        Tensor m = Tensor.mul(Tensor.empty(), x, -1.5);
        for (int i = 0; i < 6; i++) {
            assertEquals(xs[i] * ys[i], res.data()[i]);
            assertEquals(xs[i] / ys[i], q.data()[i]);
            assertEquals(xs[i] + 3 * ys[i], s.data()[i]);
            assertEquals(xs[i] * -1.5, m.data()[i]);
        }
        assertArrayEquals(new int[] {2, 3}, res.sizes());
        assertArrayEquals(xs, x.toArray()); // x untouched by the static forms
        assertSame(x, x.cmul(y));
        assertArrayEquals(res.toArray(), x.toArray());
        x.cdiv(y).add(1.0).exp().log().abs().clamp(0.5, 2.0);
        for (int i = 0; i < 6; i++) {
            double v = Math.abs(Math.log(Math.exp(xs[i] + 1.0)));
            assertEquals(Math.min(2.0, Math.max(0.5, v)), x.data()[i], 1e-12);
        }
        x.apply(v -> v * v);
        assertEquals(xs.length, x.numel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.cmul(Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        assertTrue(Double.isNaN(Tensor.of(Double.NaN).clamp(0, 1).get(0)));
    }

    @Test
    void reductionsAlongADimensionMatchLoops() {
        Tensor x = rand(3, 4, 2);
        for (int dim = 0; dim < 3; dim++) {
            Tensor s = x.sum(dim);
            Tensor mean = x.mean(dim);
            Tensor.ValuesAndIndices mx = x.max(dim);
            Tensor.ValuesAndIndices mn = x.min(dim);
            int[] out = x.sizes();
            out[dim] = 1;
            assertArrayEquals(out, s.sizes());
            int k = 0;
            for (int a = 0; a < out[0]; a++) {
                for (int b = 0; b < out[1]; b++) {
                    for (int c = 0; c < out[2]; c++) {
                        double sum = 0;
                        double best = Double.NEGATIVE_INFINITY;
                        double least = Double.POSITIVE_INFINITY;
                        int bi = -1;
                        int li = -1;
                        for (int j = 0; j < x.size(dim); j++) {
                            int[] at = {a, b, c};
                            at[dim] = j;
                            double v = x.get(at);
                            sum += v;
                            if (v > best) {
                                best = v;
                                bi = j;
                            }
                            if (v < least) {
                                least = v;
                                li = j;
                            }
                        }
                        assertEquals(sum, s.get(a, b, c), 1e-12);
                        assertEquals(sum / x.size(dim), mean.get(a, b, c), 1e-12);
                        assertEquals(best, mx.values().get(a, b, c));
                        assertEquals(bi, mx.indices()[k]);
                        assertEquals(least, mn.values().get(a, b, c));
                        assertEquals(li, mn.indices()[k]);
                        k++;
                    }
                }
            }
        }
        double all = 0;
        for (double v : x.toArray()) {
            all += v;
        }
        assertEquals(all / 24, x.mean(), 1e-12);
    }

    @Test
    void tiesKeepTheFirstIndexAndTheFirstNaNWins() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 3, 0}, {2, Double.NaN, 5, Double.NaN}, {0, 0, -1, -1}});
        Tensor.ValuesAndIndices mx = x.max(1);
        assertArrayEquals(new int[] {1, 1, 0}, mx.indices());
        assertTrue(Double.isNaN(mx.values().get(1, 0)));
        Tensor.ValuesAndIndices mn = x.min(1);
        assertArrayEquals(new int[] {3, 1, 2}, mn.indices());
        assertTrue(Double.isNaN(x.max()));
        assertTrue(Double.isNaN(x.min()));
        assertEquals(3.0, Tensor.of(1, 3, 3).max());
        assertEquals(-1.0, Tensor.of(1, -1, 3).min());
        int[] idx = new int[3];
        Tensor values = Tensor.zeros(3, 1);
        double[] storage = values.data();
        Tensor.max(values, idx, x, 1);
        assertArrayEquals(mx.indices(), idx);
        assertSame(storage, values.data());
    }

    @Test
    void narrowAndSelectCopyRows() {
        Tensor x = rand(5, 3);
        Tensor n = x.narrow(1, 3);
        assertArrayEquals(new int[] {3, 3}, n.sizes());
        Tensor r = x.select(4);
        assertArrayEquals(new int[] {3}, r.sizes());
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(x.get(i + 1, j), n.get(i, j));
            }
            assertEquals(x.get(4, j), r.get(j));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> x.narrow(3, 3));
        Tensor filled = Tensor.zeros(2, 3).fill(7).copy(x.narrow(0, 2));
        assertEquals(x.get(1, 2), filled.get(1, 2));
    }
}
