package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;

/**
 * The typed entry points of issue #15 item 6 (this class compiles only with them: no cast, no
 * {@code @SuppressWarnings}) and the path in a load's I/O failure (item 12).
 */
class TypedApiTest {

    @TempDir
    Path dir;

    @Test
    void aLoadedTensorModuleRunsWithoutACast() throws IOException {
        TorchRandom.manualSeed(1);
        Sequential<Tensor, Tensor> saved = new Sequential<Tensor, Tensor>()
                .add(new Linear(4, 3)).add(new ReLU()).add(new Linear(3, 2));
        Path file = dir.resolve("model.t7");
        T7Bridge.save(file, saved, false);
        Tensor x = Tensor.uniform(-1, 1, 5, 4);

        Module<Tensor, Tensor> net = T7Bridge.loadTensorModule(file);
        Tensor y = net.forward(x);

        assertArrayEquals(saved.forward(x).data(), y.data(), 0.0);
    }

    @Test
    void childrenAndModesAreTyped() {
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new Linear(4, 3)).add(new Dropout(0.5));

        Linear first = net.get(0);
        Dropout second = net.get(1);
        Sequential<Tensor, Tensor> e = net.evaluate();
        Sequential<Tensor, Tensor> t = e.training().reset();

        assertEquals(4, first.weight().size(1));
        assertSame(net, t);
        assertTrue(second.isTraining());
        net.evaluate();
        assertFalse(second.isTraining());
        assertThrows(ClassCastException.class, () -> {
            Linear wrong = net.get(1);
            wrong.weight();
        });
    }

    @Test
    void aTableModuleIsRefusedByTheTypedLoader() throws IOException {
        ConcatTable<Tensor> branches = new ConcatTable<Tensor>().add(new Linear(4, 3)).add(new Identity());
        Path file = dir.resolve("table.t7");
        T7Bridge.save(file, branches, false);

        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.loadTensorModule(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("nn.ConcatTable from Tensor to Table"), e.getMessage());
        assertTrue(e.getMessage().contains("use loadModule"), e.getMessage());
    }

    @Test
    void aSequentialEndingInATableIsRefused() throws IOException {
        Sequential<Tensor, Table> net = new Sequential<Tensor, Table>().add(new Linear(4, 6)).add(new SplitTable(1));
        Path file = dir.resolve("split.t7");
        T7Bridge.save(file, net, false);

        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.loadTensorModule(file));

        assertTrue(e.getMessage().contains("nn.Sequential from Tensor to Table"), e.getMessage());
    }

    @Test
    void aDirectoryIsNamedInTheFailure() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("models"));

        IOException e = assertThrows(IOException.class, () -> T7Bridge.loadModule(sub));

        assertTrue(e.getMessage().contains(sub.toString()), e.getMessage());
    }

    @Test
    void aMissingFileIsNamedInTheFailure() {
        Path missing = dir.resolve("absent.t7");

        IOException e = assertThrows(IOException.class, () -> T7Bridge.loadModule(missing));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
