package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.testing.SharedFixtures;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * {@code nn4j torch7 info --raw FILE}: the stored object tree of a file whose classes nn4j does not
 * know, with shared references marked.
 */
class Torch7InfoRawTest {

    /**
     * A Sequential holding a project's class twice (the same object, as Torch writes a module
     * added twice) and a weight whose storage a second tensor views (a transposed view with an
     * offset).
     */
    private static Path unknownClassWithSharedReferences(Path dir) throws IOException {
        T7Storage storage = T7Storage.wrap(new float[] {1, 2, 3, 4, 5, 6, 7});
        T7Tensor weight = new T7Tensor(T7ElementType.FLOAT, storage, 0, new long[] {2, 3}, new long[] {3, 1});
        T7Tensor view = new T7Tensor(T7ElementType.FLOAT, storage, 1, new long[] {3, 2}, new long[] {1, 3});
        T7Object mine = T7Object.withFields("MyLayer");
        mine.fields().put("weight", weight).put("view", view).put("scale", 0.5).put("name", "a \"quoted\" name")
                .put("train", true).put("iSize", T7Storage.wrap(new long[] {2, 3, 6, 7}));
        T7Object seq = T7Object.withFields("nn.Sequential");
        seq.fields().put("modules", T7Table.listOf(mine, mine)).put("output", T7Tensor.empty(T7ElementType.DOUBLE));
        Path f = dir.resolve("mine.t7");
        Torch7.save(f, seq, false);
        return f;
    }

    @Test
    void printsTheObjectTreeWithSharedReferencesMarked(@TempDir Path dir) throws IOException {
        Path f = unknownClassWithSharedReferences(dir);
        Torch7CommandTest.Result r = Torch7CommandTest.cli("torch7", "info", "--raw", f.toString());
        Torch7CommandTest.assertOk(r);
        assertEquals("""
                nn.Sequential (V 1)
                  modules = table [2]
                    [1] = MyLayer (V 1) &1
                      iSize = torch.LongStorage [4] {2, 3, 6, 7}
                      name = "a \\"quoted\\" name"
                      scale = 0.5
                      train = true
                      view = torch.FloatTensor 3x2 stride 1,3 offset 1 storage &2 (torch.FloatStorage [7])
                      weight = torch.FloatTensor 2x3 storage *2
                    [2] = *1 (MyLayer, printed above)
                  output = torch.DoubleTensor empty
                """, r.out());
    }

    @Test
    void plainInfoOnAnUnknownClassPointsToRaw(@TempDir Path dir) throws IOException {
        Path f = unknownClassWithSharedReferences(dir);
        Torch7CommandTest.Result r = Torch7CommandTest.cli("torch7", "info", f.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("MyLayer") && r.err().contains("torch7 info --raw"), r.err());
    }

    /** A real multi-GPU file: DataParallelTable's header object, its Threads impl's Lua function, flattened parameters. */
    @Test
    void printsADataParallelTableFile() {
        Path f = SharedFixtures.requireDir("fixtures/torch-golden-3").resolve("dpt_fbresnet").resolve("model.t7");
        Torch7CommandTest.Result r = Torch7CommandTest.cli("torch7", "info", "--raw", f.toString());
        Torch7CommandTest.assertOk(r);
        String out = r.out();
        assertTrue(out.startsWith("nn.DataParallelTable (V 3)"), out);
        assertTrue(out.contains("(header) = table [") && out.contains("bytes of bytecode)")
                && out.contains("impl = nn.DataParallelTable.Threads (V 1)") && out.contains("torch.CudaTensor")
                && out.contains(" storage &") && out.contains(" storage *"), out);
    }
}
