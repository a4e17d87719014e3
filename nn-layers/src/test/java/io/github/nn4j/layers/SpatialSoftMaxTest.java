package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/** The contract of {@link SpatialSoftMax}; the set-up and the per-position check are {@link SpatialSoftMaxContract}'s. */
class SpatialSoftMaxTest extends SpatialSoftMaxContract {

    @Override
    Module<Tensor, Tensor> newModule() {
        return new SpatialSoftMax();
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialSoftMax";
    }

    @Override
    boolean log() {
        return false;
    }
}
