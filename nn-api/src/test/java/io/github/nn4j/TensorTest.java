package io.github.nn4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void matrixViewHasOneRowPerSample() {
        Tensor t = Tensor.zeros(3, 2, 4);
        assertEquals(3, t.matrix().numRows);
        assertEquals(8, t.matrix().numCols);
        Tensor v = Tensor.zeros(5);
        assertEquals(1, v.matrix().numRows);
        assertEquals(5, v.matrix().numCols);
        Tensor e = Tensor.empty();
        assertEquals(0, e.dim());
        assertEquals(0, e.numel());
    }

    @Test
    void resizeReusesStorageWhenItFits() {
        Tensor t = Tensor.zeros(5, 4);
        double[] storage = t.data();
        t.resize(3, 4);
        assertSame(storage, t.data());
        assertEquals(12, t.numel());
        t.resize(5, 4);
        assertSame(storage, t.data());
        t.resize(6, 4);
        assertNotSame(storage, t.data());
        assertEquals(24, t.numel());
    }

    @Test
    void elementAccessIsRowMajorAndChecked() {
        Tensor t = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(6.0, t.get(1, 2));
        t.put(9, 0, 1);
        assertArrayEquals(new double[] {1, 9, 3, 4, 5, 6}, t.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.get(1));
    }

    @Test
    void viewSharesStorageAndInfersMinusOne() {
        Tensor t = Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor v = t.view(3, -1);
        assertArrayEquals(new int[] {3, 2}, v.sizes());
        v.put(42, 2, 1);
        assertEquals(42.0, t.get(1, 2));
        assertTrue(v.sharesStorageWith(t));
        assertThrows(IllegalArgumentException.class, () -> t.view(4, -1));
        assertThrows(IllegalArgumentException.class, () -> t.view(-1, -1));
    }

    @Test
    void setSharesStorageWithAnotherTensor() {
        Tensor a = Tensor.of(1, 2, 3);
        Tensor b = Tensor.zeros(7);
        b.set(a);
        assertArrayEquals(new int[] {3}, b.sizes());
        a.put(5, 0);
        assertEquals(5.0, b.get(0));
    }

    @Test
    void arithmetic() {
        Tensor a = Tensor.of(1, 2, 3);
        Tensor b = Tensor.of(10, 20, 30);
        a.add(0.5, b).mul(2);
        assertArrayEquals(new double[] {12, 24, 36}, a.toArray());
        assertEquals(72.0, a.sum());
        assertEquals(12 * 10 + 24 * 20 + 36 * 30, a.dot(b));
        assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> a.copy(Tensor.zeros(4)));
    }

    @Test
    void fromArrayChecksTheCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.fromArray(new double[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(-1, 2));
    }

    @Test
    void printsAsTorch() {
        assertTrue(Tensor.zeros(2, 3).toString().endsWith("[torch.DoubleTensor of size 2x3]"));
        assertEquals("[torch.DoubleTensor with no dimension]", Tensor.empty().toString());
        assertEquals("[2, 3]", Tensor.zeros(2, 3).shapeString());
        assertEquals("{[2], {[1, 3]}}", Table.of(Tensor.zeros(2), Table.of(Tensor.zeros(1, 3))).shapeString());
    }

    @Test
    void deepCopyAndZerosLikeKeepStructure() {
        Table t = Table.of(Tensor.of(1, 2), Table.of(Tensor.of(3)));
        Table c = t.deepCopy();
        c.tensor(0).put(9, 0);
        assertEquals(1.0, t.tensor(0).get(0));
        assertEquals("{[2], {[1]}}", t.zerosLike().shapeString());
        assertEquals(0.0, t.zerosLike().table(1).tensor(0).get(0));
        assertThrows(IllegalArgumentException.class, () -> t.table(0));
        assertThrows(IllegalArgumentException.class, () -> t.tensor(1));
    }
}
