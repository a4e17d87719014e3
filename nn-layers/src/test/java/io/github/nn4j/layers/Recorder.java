package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * A test-only module {@code y = 2x} that writes the name of each method called on it into a
 * shared log, to check the order in which containers call their children.
 */
final class Recorder extends Module<Tensor, Tensor> {

    private final String name;
    private final List<String> log;

    Recorder(String name, List<String> log) {
        super(Tensor.empty(), Tensor.empty());
        this.name = name;
        this.log = log;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        log.add(name + ".updateOutput");
        output.copyFrom(input).mul(2);
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        log.add(name + ".updateGradInput");
        gradInput.copyFrom(gradOutput).mul(2);
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        log.add(name + ".accGradParameters(" + scale + ")");
    }

    @Override
    public Tensor backward(Tensor input, Tensor gradOutput, double scale) {
        log.add(name + ".backward");
        return super.backward(input, gradOutput, scale);
    }

    @Override
    public String toString() {
        return "Recorder(" + name + ")";
    }
}
