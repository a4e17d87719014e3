package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * What the containers share: Torch's printed trees and Torch's {@code rethrowErrors} (a child's
 * error says which child of which container failed).
 */
final class ContainerSupport {

    private ContainerSupport() {
    }

    /**
     * A child, typed for passing {@link Data} through (containers take any module).
     *
     * @param module the child
     * @return the same object
     */
    @SuppressWarnings("unchecked")
    static Module<Data, Data> data(Module<?, ?> module) {
        return (Module<Data, Data>) module;
    }

    /**
     * The exception for a failed child call, as Torch's {@code rethrowErrors}
     * ({@code "In 2 module of nn.Sequential:"}): the number is the 1-based position that
     * {@code toString} prints, followed by the Java index for {@code get}. The original exception
     * is the cause; a {@link ClassCastException} (a tensor where a table was expected, or the
     * reverse) becomes an {@link IllegalArgumentException} naming the child and the input.
     *
     * @param container the container
     * @param index the child's 0-based index
     * @param input what the child was given
     * @param e what it threw
     * @return the exception to throw
     */
    static IllegalArgumentException childError(Module<?, ?> container, int index, Data input, RuntimeException e) {
        String where = "In " + (index + 1) + " module of " + container.torchTypeName() + " (get(" + index + ")):\n";
        if (e instanceof ClassCastException) {
            Module<?, ?> child = container.children().get(index);
            String first = child.toString().lines().findFirst().orElse("");
            return new IllegalArgumentException(where + first + ": cannot take " + describe(input)
                    + " (" + e.getMessage() + ")", e);
        }
        return new IllegalArgumentException(where + e.getMessage(), e);
    }

    /**
     * The gradInput child {@code index} just computed, or a clear error when it computed none
     * ({@code Linear.noGradInput()}, or {@code gradInput = nil} in a {@code .t7} file) although the
     * container needs it for its own gradInput (Torch fails there too, less clearly).
     *
     * @param container the container
     * @param index the child's position
     * @param gradInput what the child returned
     * @return {@code gradInput}, never {@code null}
     * @throws IllegalStateException if {@code gradInput} is {@code null}
     */
    static <D extends Data> D requireGradInput(Module<?, ?> container, int index, D gradInput) {
        if (gradInput == null) {
            String child = container.children().get(index).toString().lines().findFirst().orElse("");
            throw new IllegalStateException("In " + (index + 1) + " module of " + container.torchTypeName() + " (get("
                    + index + ")): " + child + " computes no gradInput (noGradInput(), or gradInput = nil in a .t7"
                    + " file), but " + container.torchTypeName() + " needs it for its own gradInput"
                    + " (enableGradInput() turns it back on)");
        }
        return gradInput;
    }

    private static String describe(Data d) {
        return (d instanceof Tensor ? "a tensor of size " : "a table ") + d.shapeString();
    }

    /**
     * Torch's {@code Sequential:__tostring__}.
     *
     * @param name the type name
     * @param children the children
     * @return the tree
     */
    static String chain(String name, List<Module<?, ?>> children) {
        StringBuilder sb = new StringBuilder(name).append(" {\n  [input");
        for (int i = 1; i <= children.size(); i++) {
            sb.append(" -> (").append(i).append(')');
        }
        sb.append(" -> output]");
        for (int i = 0; i < children.size(); i++) {
            sb.append("\n  (").append(i + 1).append("): ")
                    .append(children.get(i).toString().replace("\n", "\n  "));
        }
        return sb.append("\n}").toString();
    }

    /**
     * The tree of {@code ConcatTable}, {@code ParallelTable} and {@code Concat} ({@code __tostring__}
     * of those Torch files, at the last torch/nn commit).
     *
     * @param name the type name
     * @param children the children
     * @return the tree
     */
    static String branches(String name, List<Module<?, ?>> children) {
        StringBuilder sb = new StringBuilder(name).append(" {\n  input");
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            sb.append("\n  ").append(last ? "   `-> " : "  |`-> ").append('(').append(i + 1).append("): ")
                    .append(children.get(i).toString().replace("\n", last ? "\n         " : "\n    |    "));
        }
        return sb.append("\n     ... -> output\n}").toString();
    }

    /**
     * The backward of {@code Concat} and {@code DepthConcat} once gradOutput is cut into the
     * children's pieces: each child's gradInput for the same input, summed into {@code gradInput}.
     *
     * @param container the container, for messages
     * @param children its children
     * @param pieces the gradOutput piece of each child
     * @param input the container's input
     * @param gradInput the container's gradInput, resized and overwritten
     * @param full whether to run each child's {@code backward} (with {@code scale}) rather than its
     *     {@code updateGradInput}
     * @param scale the scale for {@code backward}
     * @return {@code gradInput}
     */
    static Tensor sumBranchGradients(Module<?, ?> container, List<Module<?, ?>> children, List<Tensor> pieces,
            Tensor input, Tensor gradInput, boolean full, double scale) {
        gradInput.resizeAs(input);
        for (int i = 0; i < children.size(); i++) {
            Tensor g;
            try {
                Module<Data, Data> m = data(children.get(i));
                g = (Tensor) (full ? m.backward(input, pieces.get(i), scale) : m.updateGradInput(input, pieces.get(i)));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(container, i, input, e);
            }
            requireGradInput(container, i, g);
            if (i == 0) {
                gradInput.copy(g);
            } else {
                gradInput.add(g);
            }
        }
        return gradInput;
    }

    /**
     * {@code accGradParameters} of each child of {@code Concat} or {@code DepthConcat} with its
     * gradOutput piece.
     */
    static void accBranchParameters(Module<?, ?> container, List<Module<?, ?>> children, List<Tensor> pieces,
            Tensor input, double scale) {
        for (int i = 0; i < children.size(); i++) {
            try {
                data(children.get(i)).accGradParameters(input, pieces.get(i), scale);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(container, i, input, e);
            }
        }
    }
}
