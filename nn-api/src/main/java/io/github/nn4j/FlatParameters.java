package io.github.nn4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Torch's {@code params, gradParams = net:getParameters()} returns: every parameter of a
 * module as one flat vector and every gradient as another of the same layout, over the module's
 * own tensors ({@link ParameterVector}: no copy), in {@link Module#parameters()} order
 * (depth-first, weight before bias). A tensor shared by several modules ({@link Module#share},
 * {@code MapTable}'s clones) appears once, as in Torch.
 *
 * <pre>{@code
 * FlatParameters flat = net.getParameters();
 * net.zeroGradParameters();
 * net.backward(x, loss.backward(net.forward(x), y));    // accumulates into flat.gradParams()
 * flat.params().add(-0.1, flat.gradParams());           // one SGD step on the whole network
 * }</pre>
 *
 * @param params the parameters, one vector
 * @param gradParams their gradients, the same layout
 */
public record FlatParameters(ParameterVector params, ParameterVector gradParams) {

    /**
     * Flattens a list of parameters, each shared tensor once.
     *
     * @param parameters the parameters, in order
     * @return the two vectors
     * @throws IllegalArgumentException if a parameter's value is shared with another's but its
     *         gradient is not, or the reverse (Torch fails there too: share both)
     */
    public static FlatParameters of(List<Parameter> parameters) {
        Map<double[], double[]> gradOfValue = new IdentityHashMap<>();
        Map<double[], double[]> valueOfGrad = new IdentityHashMap<>();
        List<Tensor> values = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>();
        for (Parameter p : parameters) {
            double[] v = p.value().data();
            double[] g = p.grad().data();
            double[] seenGrad = gradOfValue.get(v);
            double[] seenValue = valueOfGrad.get(g);
            if (seenGrad == null && seenValue == null) {
                gradOfValue.put(v, g);
                valueOfGrad.put(g, v);
                values.add(p.value());
                grads.add(p.grad());
            } else if (seenGrad != g || seenValue != v) {
                throw new IllegalArgumentException("parameter " + p.name() + " of size " + p.value().shapeString()
                        + " shares its " + (seenGrad != null ? "value" : "gradient") + " with another parameter but not its "
                        + (seenGrad != null ? "gradient" : "value") + "; share both (e.g. \"weight\", \"gradWeight\")");
            }
        }
        return new FlatParameters(new ParameterVector(values), new ParameterVector(grads));
    }
}
