package io.github.nn4j.layers;

import io.github.nn4j.Tensor;

/** The contract in evaluation mode and the training masks, as {@link PlaneDropoutContract} runs them. */
class VolumetricDropoutTest extends PlaneDropoutContract {

    @Override
    PlaneDropout dropout(double p, boolean stochasticInference) {
        return new VolumetricDropout(p, stochasticInference);
    }

    @Override
    PlaneDropout dropout() {
        return new VolumetricDropout();
    }

    @Override
    String name() {
        return "nn.VolumetricDropout";
    }

    @Override
    int[] plane() {
        return new int[] {2, 3, 2};
    }

    @Override
    int[] statisticsPlane() {
        return new int[] {2, 2, 5};
    }

    @Override
    Tensor wrongDimensionality() {
        return uniform(3, 4, 5);
    }

    @Override
    String wrongDimensionalityMessage() {
        return "nn.VolumetricDropout(0.500000): expected input of size [C, T, H, W] or [B, C, T, H, W], got [3, 4, 5]";
    }
}
