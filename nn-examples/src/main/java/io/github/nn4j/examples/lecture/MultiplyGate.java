package io.github.nn4j.examples.lecture;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * A multiply gate written the way a student writes a module of their own (the lecture's
 * {@code MultiplyGate} with {@code forward(x, y)} and {@code backward(dz)}), and the template to
 * copy for a new module: {@code z = x ⊙ y}, element-wise.
 *
 * <pre>
 * class MultiplyGate:                          // the lecture's pseudo-code
 *   def forward(x, y):  z = x * y; self.x = x; self.y = y; return z
 *   def backward(dz):   dx = self.y * dz; dy = self.x * dz; return [dx, dy]
 * </pre>
 *
 * <p>What nn4j adds to the pseudo-code: the input is a {@link Table} {@code {x, y}}, the output
 * and gradInput are buffers owned by the module and reused from call to call, and a wrong input
 * is an {@link IllegalArgumentException} naming the module and the shapes. Check it with
 * {@link io.github.nn4j.check.GradientChecker}:
 * <pre>{@code
 * GradientChecker.check(new MultiplyGate(), Table.of(x, y)).assertPassed(1e-6);
 * }</pre>
 * (nn4j's own {@code CMulTable} is the same gate for any number of inputs.)
 */
public final class MultiplyGate extends Module<Table, Tensor> {

    /** The x of the last forward, kept for the backward (the lecture's {@code self.x}). */
    private final Tensor x = Tensor.empty();
    /** The y of the last forward (the lecture's {@code self.y}). */
    private final Tensor y = Tensor.empty();
    private final Tensor dx = Tensor.empty();
    private final Tensor dy = Tensor.empty();

    /** A multiply gate. */
    public MultiplyGate() {
        super(Tensor.empty(), new Table());
    }

    /** {@code z = x ⊙ y}; keeps copies of x and y for the backward. */
    @Override
    public Tensor updateOutput(Table input) {
        if (input.size() != 2 || !(input.get(0) instanceof Tensor a) || !(input.get(1) instanceof Tensor b)
                || !a.sameSizeAs(b)) {
            throw shapeError("{x, y}: two tensors of one size", input);
        }
        x.copyFrom(a);
        y.copyFrom(b);
        output.resizeAs(x);
        double[] xs = x.data();
        double[] ys = y.data();
        double[] z = output.data();
        for (int i = 0; i < x.numel(); i++) {
            z[i] = xs[i] * ys[i];
        }
        return output;
    }

    /** {@code [dx, dy] = [y ⊙ dz, x ⊙ dz]}: the mul gate switches its inputs. */
    @Override
    public Table updateGradInput(Table input, Tensor dz) {
        if (!dz.sameSizeAs(x)) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + dz.shapeString()
                    + " does not match the output of size " + x.shapeString());
        }
        dx.resizeAs(x);
        dy.resizeAs(y);
        double[] xs = x.data();
        double[] ys = y.data();
        double[] g = dz.data();
        double[] gx = dx.data();
        double[] gy = dy.data();
        for (int i = 0; i < x.numel(); i++) {
            gx[i] = ys[i] * g[i];
            gy[i] = xs[i] * g[i];
        }
        if (gradInput.size() != 2) {
            gradInput.clear().add(dx).add(dy);
        }
        return gradInput;
    }

    /** Prints {@code MultiplyGate}: it is not a Torch class. */
    @Override
    public String torchTypeName() {
        return "MultiplyGate";
    }
}
