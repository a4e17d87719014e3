package io.github.nn4j.layers;

import java.util.List;
import java.util.function.Function;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;

/**
 * A test wrapper for the gradient check of a module whose input is partly indices or a mask:
 * its input is only the differentiable part ({@code free}, possibly an empty tensor when nothing
 * is), from which {@code build} makes the module's full input with the indices held fixed;
 * {@code extract} takes the gradient of the free part out of the module's gradInput. Parameters
 * are the module's, so the checker still checks every parameter gradient and accumulation.
 */
final class PartlyDifferentiable extends Module<Tensor, Data> {

    private final Module<Data, Data> inner;
    private final Function<Tensor, Data> build;
    private final Function<Data, Tensor> extract;

    @SuppressWarnings("unchecked")
    PartlyDifferentiable(Module<?, ?> inner, Function<Tensor, Data> build, Function<Data, Tensor> extract) {
        super(Tensor.empty(), Tensor.empty());
        this.inner = (Module<Data, Data>) inner;
        this.build = build;
        this.extract = extract;
    }

    /** Nothing of the input is differentiable: the free part is empty, its gradient too. */
    static PartlyDifferentiable parametersOnly(Module<?, ?> inner, Data fixed) {
        return new PartlyDifferentiable(inner, x -> fixed, g -> Tensor.empty());
    }

    @Override
    public Data updateOutput(Tensor free) {
        output = inner.updateOutput(build.apply(free));
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor free, Data gradOutput) {
        gradInput = extract.apply(inner.updateGradInput(build.apply(free), gradOutput));
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor free, Data gradOutput, double scale) {
        inner.accGradParameters(build.apply(free), gradOutput, scale);
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
