package io.github.nn4j.layers;



import io.github.nn4j.Data;
import io.github.nn4j.Table;
import io.github.nn4j.testing.ModuleContractTest;

/** The contract of {@link PairwiseDistance} for one norm (the nested classes of {@link PairwiseDistanceTest} vary it). */
abstract class PairwiseDistanceContract extends ModuleContractTest {

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(5), uniform(5));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 5), uniform(batchSize, 5));
    }

    @Override
    protected String expectedToString() {
        return "nn.PairwiseDistance";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(5), uniform(2, 5));
    }
}
