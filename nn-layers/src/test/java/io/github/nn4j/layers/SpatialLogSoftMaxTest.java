package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/** The contract of {@link SpatialLogSoftMax}; the set-up and the per-position check are {@link SpatialSoftMaxContract}'s. */
class SpatialLogSoftMaxTest extends SpatialSoftMaxContract {

    @Override
    Module<Tensor, Tensor> newModule() {
        return new SpatialLogSoftMax();
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialLogSoftMax";
    }

    @Override
    boolean log() {
        return true;
    }
}
