package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Bridge;

/**
 * Loading a {@code .t7} file leaves the global generator where it was, as Torch's
 * {@code torch.load} does (the modules' constructors would otherwise draw their initial weights
 * before the file's overwrite them), and the loaded parameters are the file's.
 */
class LoadingDrawsNothingTest {

    @Test
    void loadingLeavesTheGlobalGeneratorAlone(@TempDir Path dir) throws IOException {
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new Linear(5, 4))
                .add(new SpatialConvolution(2, 3, 3, 3)).add(new BatchNormalization(3));
        Path f = dir.resolve("net.t7");
        T7Bridge.save(f, net, false);

        TorchRandom.manualSeed(11);
        double first = TorchRandom.global().uniform(0, 1);
        TorchRandom.manualSeed(11);
        Sequential<Tensor, Tensor> back = (Sequential<Tensor, Tensor>) T7Bridge.loadTensorModule(f);
        assertEquals(first, TorchRandom.global().uniform(0, 1), "the draw after a load is the draw after the seed");

        for (int i = 0; i < net.parameters().size(); i++) {
            assertEquals(0, net.parameters().get(i).value().maxAbsDiff(back.parameters().get(i).value()),
                    "parameter " + i + " is the file's");
        }
        // outside a load, constructors draw as before
        assertFalse(TorchRandom.global().drawsSuspended());
        TorchRandom.manualSeed(11);
        Linear a = new Linear(5, 4);
        TorchRandom.manualSeed(11);
        Linear b = new Linear(5, 4);
        assertEquals(0, a.weight().maxAbsDiff(b.weight()));
        assertTrue(a.weight().maxAbsDiff(Tensor.zeros(4, 5)) > 0);
    }
}
