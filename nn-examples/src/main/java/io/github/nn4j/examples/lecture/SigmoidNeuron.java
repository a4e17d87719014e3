package io.github.nn4j.examples.lecture;

import java.io.PrintWriter;
import java.util.Locale;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.layers.AddConstant;
import io.github.nn4j.layers.CAddTable;
import io.github.nn4j.layers.CMulTable;
import io.github.nn4j.layers.Exp;
import io.github.nn4j.layers.Graph;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.MulConstant;
import io.github.nn4j.layers.Power;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.Sigmoid;

/**
 * Example 3: the sigmoid neuron {@code f = σ(w0·x0 + w1·x1 + w2)} at {@code w = [2, −3, −3]},
 * {@code x = [−1, −2]}, built twice.
 *
 * <ol>
 *   <li>As the lecture's circuit of elementary gates, {@code σ(z) = 1 / (1 + e^(−z))}:
 *       {@code *, *, +, +, *-1, exp, +1, 1/x} (CMulTable, CAddTable, MulConstant(−1), Exp,
 *       AddConstant(1), Power(−1)). Every gate's local gradient is simple; the chain rule
 *       multiplies them back to the inputs.</li>
 *   <li>As one {@code Linear(2, 1)} followed by one {@code Sigmoid}: the whole circuit collapses
 *       into one gate whose local gradient is {@code σ'(z) = (1 − σ(z))·σ(z)}.</li>
 * </ol>
 * Closed forms: {@code z = 1}, {@code f = σ(1) ≈ 0.73}, {@code ∂f/∂x = σ'(z)·[w0, w1] ≈ [0.39, −0.59]},
 * {@code ∂f/∂w = σ'(z)·[x0, x1, 1] ≈ [−0.20, −0.39, 0.20]}. The identity for σ' is checked
 * numerically against central differences of the {@code Sigmoid} module.
 */
public final class SigmoidNeuron extends LectureExample {

    /** The points where σ'(x) = (1 − σ(x))·σ(x) is checked. */
    static final double[] SIGMA_POINTS = {-3, -1, 0, 0.5, 1, 4};

    private final Graph circuit;
    private final double f;
    private final double[] dfdx = new double[2];
    private final double[] dfdw = new double[3];
    private final Sequential<Tensor, Tensor> neuron;
    private final double fNeuron;
    private final double[] dfdxNeuron = new double[2];
    private final double[] dfdwNeuron = new double[3];
    private final double[] sigmaPrimeNumeric = new double[SIGMA_POINTS.length];
    private final double[] sigmaPrimeFormula = new double[SIGMA_POINTS.length];
    private final double[] sigmaPrimeBackward = new double[SIGMA_POINTS.length];

    /** Builds both forms and runs them. */
    public SigmoidNeuron() {
        circuit = Graph.builder()
                .inputs("w0", "x0", "w1", "x1", "w2")
                .node("w0*x0", new CMulTable(), "w0", "x0")
                .node("w1*x1", new CMulTable(), "w1", "x1")
                .node("sum", new CAddTable(), "w0*x0", "w1*x1")
                .node("z", new CAddTable(), "sum", "w2")
                .node("-z", new MulConstant(-1), "z")
                .node("exp", new Exp(), "-z")
                .node("1+exp", new AddConstant(1), "exp")
                .node("f", new Power(-1), "1+exp")
                .output("f")
                .build();
        Table in = Table.of(scalar(2), scalar(-1), scalar(-3), scalar(-2), scalar(-3));
        f = value(circuit.forward(in));
        Table g = (Table) circuit.backward(in, scalar(1.0));
        dfdw[0] = value(g, 0);
        dfdx[0] = value(g, 1);
        dfdw[1] = value(g, 2);
        dfdx[1] = value(g, 3);
        dfdw[2] = value(g, 4);

        Linear linear = new Linear(2, 1);
        linear.weight().copy(Tensor.of(2, -3));
        linear.bias().copy(Tensor.of(-3));
        neuron = new Sequential<Tensor, Tensor>().add(linear).add(new Sigmoid());
        Tensor x = Tensor.of(-1, -2);
        neuron.zeroGradParameters();
        fNeuron = value(neuron.forward(x));
        Tensor gx = neuron.backward(x, scalar(1.0));
        dfdxNeuron[0] = gx.get(0);
        dfdxNeuron[1] = gx.get(1);
        Tensor gw = linear.parameters().get(0).grad();
        dfdwNeuron[0] = gw.get(0, 0);
        dfdwNeuron[1] = gw.get(0, 1);
        dfdwNeuron[2] = linear.parameters().get(1).grad().get(0);

        Sigmoid sigmoid = new Sigmoid();
        double h = 1e-5;
        for (int i = 0; i < SIGMA_POINTS.length; i++) {
            double p = SIGMA_POINTS[i];
            double plus = value(sigmoid.forward(scalar(p + h)));
            double minus = value(sigmoid.forward(scalar(p - h)));
            sigmaPrimeNumeric[i] = (plus - minus) / (2 * h);
            double s = value(sigmoid.forward(scalar(p)));
            sigmaPrimeFormula[i] = (1 - s) * s;
            sigmaPrimeBackward[i] = value(sigmoid.backward(scalar(p), scalar(1.0)));
        }
    }

    @Override
    public String title() {
        return "sigmoid neuron f = sigma(w0*x0 + w1*x1 + w2), w = [2, -3, -3], x = [-1, -2]";
    }

    /**
     * The circuit's output.
     *
     * @return σ(1) ≈ 0.73
     */
    public double f() {
        return f;
    }

    /**
     * ∂f/∂x from the circuit.
     *
     * @return [∂f/∂x0, ∂f/∂x1] ≈ [0.39, −0.59]
     */
    public double[] dfdx() {
        return dfdx.clone();
    }

    /**
     * ∂f/∂w from the circuit.
     *
     * @return [∂f/∂w0, ∂f/∂w1, ∂f/∂w2] ≈ [−0.20, −0.39, 0.20]
     */
    public double[] dfdw() {
        return dfdw.clone();
    }

    /**
     * The output of Linear + Sigmoid.
     *
     * @return σ(1)
     */
    public double fNeuron() {
        return fNeuron;
    }

    /**
     * ∂f/∂x from Linear + Sigmoid.
     *
     * @return the gradInput
     */
    public double[] dfdxNeuron() {
        return dfdxNeuron.clone();
    }

    /**
     * ∂f/∂w from Linear + Sigmoid: gradWeight then gradBias.
     *
     * @return the parameter gradients
     */
    public double[] dfdwNeuron() {
        return dfdwNeuron.clone();
    }

    /**
     * Central differences of {@code Sigmoid} at {@link #SIGMA_POINTS}.
     *
     * @return (σ(x + h) − σ(x − h)) / 2h, h = 1e-5
     */
    public double[] sigmaPrimeNumeric() {
        return sigmaPrimeNumeric.clone();
    }

    /**
     * (1 − σ(x))·σ(x) at {@link #SIGMA_POINTS}.
     *
     * @return the formula's values
     */
    public double[] sigmaPrimeFormula() {
        return sigmaPrimeFormula.clone();
    }

    /**
     * {@code Sigmoid}'s own backward at {@link #SIGMA_POINTS} (gradOutput 1).
     *
     * @return the module's local gradients
     */
    public double[] sigmaPrimeBackward() {
        return sigmaPrimeBackward.clone();
    }

    @Override
    public void print(PrintWriter out) {
        out.println("  1. as the lecture's circuit of gates:");
        printModule(out, circuit);
        heading(out, "forward");
        String[] names = {"w0*x0", "w1*x1", "sum", "z", "-z", "exp", "1+exp", "f"};
        String[] lecture = {"-2", "6", "4", "1", "-1", "0.37", "1.37", "0.73"};
        for (int i = 0; i < names.length; i++) {
            row(out, names[i], value(circuit.value(circuit.node(names[i]))), lecture[i]);
        }
        heading(out, "backward");
        String[] gates = {"1+exp", "exp", "-z", "z"};
        String[] gateLecture = {"-0.53", "-0.53", "-0.20", "0.20"};
        for (int i = 0; i < gates.length; i++) {
            row(out, "df/d(" + gates[i] + ")", value(circuit.gradient(circuit.node(gates[i]))), gateLecture[i]);
        }
        row(out, "df/dw0", dfdw[0], "-0.20");
        row(out, "df/dx0", dfdx[0], "0.39");
        row(out, "df/dw1", dfdw[1], "-0.39");
        row(out, "df/dx1", dfdx[1], "-0.59");
        row(out, "df/dw2", dfdw[2], "0.20");
        out.println("  2. as Linear(2 -> 1) + Sigmoid, the local gradient of sigma being (1 - sigma) * sigma:");
        printModule(out, neuron);
        row(out, "f", fNeuron, "0.73");
        row(out, "df/dx0 (gradInput)", dfdxNeuron[0], "0.39");
        row(out, "df/dx1 (gradInput)", dfdxNeuron[1], "-0.59");
        row(out, "df/dw0 (gradWeight)", dfdwNeuron[0], "-0.20");
        row(out, "df/dw1 (gradWeight)", dfdwNeuron[1], "-0.39");
        row(out, "df/dw2 (gradBias)", dfdwNeuron[2], "0.20");
        out.println("  sigma'(x) = (1 - sigma(x)) * sigma(x), checked numerically (h = 1e-5):");
        out.printf(Locale.ROOT, "    %6s %16s %16s %16s%n", "x", "central diff.", "(1-s)*s", "Sigmoid backward");
        for (int i = 0; i < SIGMA_POINTS.length; i++) {
            out.printf(Locale.ROOT, "    %6.2f %16.10f %16.10f %16.10f%n", SIGMA_POINTS[i], sigmaPrimeNumeric[i],
                    sigmaPrimeFormula[i], sigmaPrimeBackward[i]);
        }
    }

    @Override
    public Module<?, ?> picture() {
        return circuit;
    }
}
