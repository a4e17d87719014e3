package io.github.nn4j.layers;

import io.github.nn4j.Tensor;

/** The contract in evaluation mode and the training masks, as {@link PlaneDropoutContract} runs them. */
class SpatialDropoutTest extends PlaneDropoutContract {

    @Override
    PlaneDropout dropout(double p, boolean stochasticInference) {
        return new SpatialDropout(p, stochasticInference);
    }

    @Override
    PlaneDropout dropout() {
        return new SpatialDropout();
    }

    @Override
    String name() {
        return "nn.SpatialDropout";
    }

    @Override
    int[] plane() {
        return new int[] {3, 4};
    }

    @Override
    int[] statisticsPlane() {
        return new int[] {4, 5};
    }

    @Override
    Tensor wrongDimensionality() {
        return uniform(2, 3, 4, 5, 6);
    }

    @Override
    String wrongDimensionalityMessage() {
        return "nn.SpatialDropout(0.500000): expected input of size [C, H, W] or [B, C, H, W], got [2, 3, 4, 5, 6]";
    }
}
