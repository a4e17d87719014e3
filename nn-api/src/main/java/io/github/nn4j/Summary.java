package io.github.nn4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A per-module summary of a network for one input size: each module's place, what it is, the
 * shape of its output and the number of parameters it holds itself, and the total (the
 * {@code print(net)} of Torch with what Keras' {@code summary()} adds).
 *
 * <pre>{@code
 * Summary s = Summary.of(net, 64, 784);   // a forward of zeros of size [64, 784] on a copy of net
 * String table = s.toString();             // one line per module, then the total
 * }</pre>
 *
 * <p>The forward runs on a deep {@link Module#copy() copy} in evaluation mode, so the network's
 * buffers, running statistics and random state are untouched. The parameters of a module are
 * those it holds directly ({@code Linear}'s weight and bias; 0 for a container); the total counts
 * a tensor shared between modules once, as {@link Module#getParameters()} does.
 *
 * @param rows one row per module, pre-order (the network first)
 * @param totalParameters the learnable scalars of the network
 */
public record Summary(List<Row> rows, long totalParameters) {

    /**
     * One module of the summary.
     *
     * @param path the module's place: {@code ""} for the network, {@code "1"} for its second
     *             child, {@code "1.0"} for that child's first, ... (0-based)
     * @param depth the depth in the tree (0 for the network)
     * @param module the module as Torch prints it ({@code nn.Linear(784 -> 256)}; a container's
     *               type name)
     * @param outputShape the output's size, e.g. {@code [64, 256]} (a table lists its entries)
     * @param parameters the learnable scalars the module holds itself
     */
    public record Row(String path, int depth, String module, String outputShape, long parameters) {
    }

    /**
     * Summarises a module from tensors to anything for an input of the given size.
     *
     * @param module the network
     * @param inputSize the size of the input, batch dimension included if the network takes one
     * @return the summary
     * @throws IllegalArgumentException naming the module and the shapes if it refuses the input
     */
    public static Summary of(Module<Tensor, ?> module, int... inputSize) {
        return of(module, Tensor.zeros(inputSize));
    }

    /**
     * Summarises a module for one sample input (a {@link Table} for a module that takes one).
     *
     * @param module the network
     * @param input an input the module accepts; not modified
     * @param <I> the input type
     * @return the summary
     */
    public static <I extends Data> Summary of(Module<I, ?> module, I input) {
        Module<I, ?> copy = module.copy();
        copy.evaluate();
        copy.forward(input);
        List<Row> rows = new ArrayList<>();
        collect(copy, "", 0, rows);
        return new Summary(List.copyOf(rows), copy.getParameters().params().numel());
    }

    private static void collect(Module<?, ?> m, String path, int depth, List<Row> rows) {
        List<Module<?, ?>> children = m.children();
        long childParams = 0;
        for (Module<?, ?> c : children) {
            childParams += c.parameterCount();
        }
        String name = children.isEmpty() ? m.toString() : m.torchTypeName();
        Data out = m.output();
        rows.add(new Row(path, depth, name, out == null ? "-" : out.shapeString(), m.parameterCount() - childParams));
        for (int i = 0; i < children.size(); i++) {
            collect(children.get(i), path.isEmpty() ? Integer.toString(i) : path + "." + i, depth + 1, rows);
        }
    }

    /**
     * The table: one line per module (place, module indented by depth, output size, parameters),
     * a rule, and the total.
     */
    @Override
    public String toString() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"#", "module", "output", "parameters"});
        for (Row r : rows) {
            cells.add(new String[] {r.path().isEmpty() ? "-" : r.path(), "  ".repeat(r.depth()) + r.module(),
                    r.outputShape(), String.format(java.util.Locale.ROOT, "%,d", r.parameters())});
        }
        int[] w = new int[4];
        for (String[] c : cells) {
            for (int j = 0; j < 4; j++) {
                w[j] = Math.max(w[j], c[j].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            sb.append(String.format(java.util.Locale.ROOT, "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s",
                    (Object[]) c).stripTrailing()).append('\n');
            if (c == cells.get(0)) {
                sb.append("-".repeat(w[0] + w[1] + w[2] + w[3] + 6)).append('\n');
            }
        }
        sb.append(String.format(java.util.Locale.ROOT, "total: %,d parameters", totalParameters));
        return sb.toString();
    }
}
