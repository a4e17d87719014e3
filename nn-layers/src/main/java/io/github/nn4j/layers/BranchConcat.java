package io.github.nn4j.layers;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Container;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * What {@link Concat} and {@link DepthConcat} share (package-private): the same input to every
 * child, the concatenated dimension, and the backward that cuts the gradOutput into one piece per
 * child ({@link #cut}, where the two differ) and sums the children's gradInputs.
 */
abstract class BranchConcat extends Container<Tensor, Tensor> {

    /** The concatenated dimension as given: 0-based, negative from the end. */
    final int dimension;
    /** The gradOutput piece of each child, reused. */
    final List<Tensor> pieces = new ArrayList<>();
    /** The output size, reused. */
    int[] outSize = new int[0];

    BranchConcat(int dim) {
        super(Tensor.empty(), Tensor.empty());
        this.dimension = dim;
    }

    /**
     * The concatenated dimension as given to the constructor: 0-based, negative counts from the end.
     *
     * @return the dimension
     */
    public int dimension() {
        return dimension;
    }

    int positiveDimension(Tensor first) {
        return dimension < 0 ? first.dim() + dimension : dimension;
    }

    Tensor childOutput(int i) {
        return (Tensor) modules.get(i).output();
    }

    /** Fills {@link #pieces} with each child's part of {@code gradOutput}. */
    abstract void cut(Tensor gradOutput);

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        return sum(input, gradOutput, false, 1.0);
    }

    @Override
    public Tensor backward(Tensor input, Tensor gradOutput, double scale) {
        return sum(input, gradOutput, true, scale);
    }

    private Tensor sum(Tensor input, Tensor gradOutput, boolean full, double scale) {
        cut(gradOutput);
        return ContainerSupport.sumBranchGradients(this, modules, pieces, input, gradInput, full, scale);
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        cut(gradOutput);
        ContainerSupport.accBranchParameters(this, modules, pieces, input, scale);
    }

    @Override
    public BranchConcat clearState() {
        super.clearState();
        pieces.clear();
        return this;
    }

    @Override
    public String toString() {
        return ContainerSupport.branches(torchTypeName(), modules);
    }

    @Override
    public BranchConcat add(Module<?, ?> module) {
        super.add(module);
        return this;
    }
}
