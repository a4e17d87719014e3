package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

class BatchIteratorTest {

    /** Sample i has features (i, 10·i, 100·i) and label i mod 3. */
    private static Dataset numbered(int n) {
        double[] f = new double[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            f[3 * i] = i;
            f[3 * i + 1] = 10 * i;
            f[3 * i + 2] = 100 * i;
            labels[i] = i % 3;
        }
        return new Dataset(Tensor.fromArray(f, n, 3), labels, 3);
    }

    /** The samples of one epoch, as the first feature of each, batch by batch. */
    private static List<int[]> epoch(BatchIterator it) {
        List<int[]> batches = new ArrayList<>();
        it.startEpoch();
        while (it.hasNext()) {
            int b = it.next();
            int[] ids = new int[b];
            for (int j = 0; j < b; j++) {
                ids[j] = (int) it.inputs().get(j, 0);
                assertEquals(10.0 * ids[j], it.inputs().get(j, 1));
                assertEquals(100.0 * ids[j], it.inputs().get(j, 2));
                assertEquals(ids[j] % 3, (int) it.targets().get(j));
                assertEquals(ids[j], it.sampleIndex(j));
            }
            batches.add(ids);
        }
        return batches;
    }

    @Test
    void inOrderBatchesWithAShortLastBatch() {
        BatchIterator it = new BatchIterator(numbered(10), 4, null);
        assertEquals(3, it.batchesPerEpoch());
        Tensor inputs = it.inputs();
        List<int[]> batches = epoch(it);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, batches.get(0));
        assertArrayEquals(new int[] {4, 5, 6, 7}, batches.get(1));
        assertArrayEquals(new int[] {8, 9}, batches.get(2));
        assertTrue(it.inputs().hasSize(2, 3));
        assertTrue(it.targets().hasSize(2));
        assertSame(inputs, it.inputs(), "the batch tensor is reused");
        assertFalse(it.hasNext());
        assertThrows(IllegalStateException.class, it::next);
        epoch(it);
        assertEquals(3, it.batchIndex());
    }

    @Test
    void shuffleIsTorchRandpermAndRepeatableUnderASeed() {
        int n = 23;
        List<int[]> a = epoch(new BatchIterator(numbered(n), 5, new TorchRandom(42)));
        List<int[]> b = epoch(new BatchIterator(numbered(n), 5, new TorchRandom(42)));
        List<int[]> c = epoch(new BatchIterator(numbered(n), 5, new TorchRandom(43)));
        int[] flatA = a.stream().flatMapToInt(Arrays::stream).toArray();
        int[] flatB = b.stream().flatMapToInt(Arrays::stream).toArray();
        int[] flatC = c.stream().flatMapToInt(Arrays::stream).toArray();
        assertArrayEquals(flatA, flatB);
        assertFalse(Arrays.equals(flatA, flatC));
        int[] sorted = flatA.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i], "every sample exactly once");
        }
        // TH's randperm (THTensorMath.c), written out: identity, then swap i with i + random() % (n − i)
        TorchRandom rng = new TorchRandom(42);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (rng.random() % (n - i));
            int t = perm[i];
            perm[i] = perm[z + i];
            perm[z + i] = t;
        }
        assertArrayEquals(perm, flatA);
    }

    @Test
    void eachEpochDrawsANewPermutation() {
        BatchIterator it = new BatchIterator(numbered(50), 50, new TorchRandom(1));
        int[] first = epoch(it).get(0);
        int[] second = epoch(it).get(0);
        assertNotEquals(Arrays.toString(first), Arrays.toString(second));
    }

    @Test
    void batchSizeLargerThanTheDataIsClamped() {
        BatchIterator it = new BatchIterator(numbered(3), 100, null);
        assertEquals(3, it.batchSize());
        assertEquals(1, epoch(it).size());
        assertThrows(IllegalArgumentException.class, () -> new BatchIterator(numbered(3), 0, null));
    }

    @Test
    void anEpochAllocatesNothingInSteadyState() {
        BatchIterator even = new BatchIterator(numbered(64), 16, new TorchRandom(3));
        long bytes = Allocation.bytesAllocatedBy(() -> {
            even.startEpoch();
            while (even.hasNext()) {
                even.next();
            }
        }, 200);
        // one allocation per batch would be 800 objects (over 12 KB)
        assertTrue(bytes < Allocation.NOISE, "bytes for 200 epochs: " + bytes);
        // a short last batch resizes twice per epoch: a few bytes for the size arrays only
        BatchIterator odd = new BatchIterator(numbered(70), 16, new TorchRandom(3));
        long oddBytes = Allocation.bytesAllocatedBy(() -> {
            odd.startEpoch();
            while (odd.hasNext()) {
                odd.next();
            }
        }, 200);
        assertTrue(oddBytes < 200 * 128 + Allocation.NOISE, "bytes for 200 epochs: " + oddBytes);
    }
}
