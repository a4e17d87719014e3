package io.github.nn4j.layers;

import java.util.Arrays;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * The common part of {@link CMaxTable} and {@link CMinTable}: the output starts as a copy of the
 * first input, each element remembers the 0-based index of the input that won it (Torch's
 * {@code maxIdx}/{@code minIdx}, minus one), and the backward sends each element of the gradient
 * to its winner only (zeros elsewhere). The comparison loop itself stays in each class.
 */
abstract class WinnerTable extends TableGate {

    /** The 0-based winner of each output element in the last forward (reused; at least numel long). */
    private int[] winners = new int[0];
    /** The backing arrays of the gradInput tensors during a backward (reused). */
    private double[][] targets = new double[0][];

    WinnerTable() {
    }

    /**
     * Checks the input, copies its first tensor into {@code output} and marks input 0 the
     * winner of every element.
     *
     * @param input the input table
     * @return the winner indices, valid up to {@code output.numel()}
     */
    final int[] startForward(Table input) {
        Tensor x0 = checkInput(input, 1, 0);
        output.copyFrom(x0);
        int n = x0.numel();
        if (winners.length < n) {
            winners = new int[n];
        }
        Arrays.fill(winners, 0, n, 0);
        return winners;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        checkGradOutput(gradOutput);
        int m = input.size();
        sizeGradInput(m);
        if (targets.length < m) {
            targets = new double[m][];
        }
        int n = output.numel();
        for (int k = 0; k < m; k++) {
            targets[k] = grad(k).resizeAs(input.tensor(k)).zero().data();
        }
        // zeros everywhere, then each element of g to the input that won it
        double[] g = gradOutput.data();
        int[] idx = winners;
        double[][] t = targets;
        for (int i = 0; i < n; i++) {
            t[idx[i]][i] = g[i];
        }
        return gradInput;
    }

    @Override
    public WinnerTable clearState() {
        super.clearState();
        winners = new int[0];
        targets = new double[0][];
        return this;
    }
}
