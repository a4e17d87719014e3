package io.github.nn4j.layers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.nn4j.Container;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * A computational graph of modules: a directed acyclic graph whose nodes apply modules to the
 * outputs of other nodes (nngraph's {@code nn.gModule}; this is the graph a backpropagation
 * lecture draws).
 *
 * <h2>Building, and the mapping to nngraph</h2>
 * <table class="striped">
 *   <caption>nngraph and nn4j</caption>
 *   <tr><th>nngraph (Lua)</th><th>nn4j</th></tr>
 *   <tr><td>{@code x = nn.Identity()()}</td><td>{@code .input("x")}</td></tr>
 *   <tr><td>{@code q = nn.CAddTable()({x, y})}</td><td>{@code .node("q", new CAddTable(), "x", "y")}</td></tr>
 *   <tr><td>{@code h = nn.Tanh()(q)}</td><td>{@code .node("h", new Tanh(), "q")}</td></tr>
 *   <tr><td>{@code nn.gModule({x, y}, {h})}</td><td>{@code .output("h").build()}</td></tr>
 * </table>
 * <pre>{@code
 * Graph f = Graph.builder()
 *         .input("x").input("y").input("z")
 *         .node("q", new CAddTable(), "x", "y")      // q = x + y
 *         .node("f", new CMulTable(), "q", "z")      // f = q * z
 *         .output("f")
 *         .build();
 * Tensor out = (Tensor) f.forward(Table.of(x, y, z));
 * Table grads = (Table) f.backward(Table.of(x, y, z), Tensor.of(1.0));   // {df/dx, df/dy, df/dz}
 * }</pre>
 * Nodes are named (names appear in errors, in {@link #toString()} and in drawings) and may be
 * declared in any order; a node applied to one node receives that node's output, a node applied
 * to several receives a {@link Table} of their outputs in the order given. The graph is a
 * {@link Module}: with one input it takes the input itself (usually a {@link Tensor}), with
 * several a {@link Table} with one entry per input in declaration order; likewise its output is
 * the single output node's value, or a {@code Table} of the outputs.
 *
 * <p>{@link Builder#build()} rejects, naming the nodes: a cycle, an input no output depends on, an
 * output that depends on a node without inputs that is not a declared input (nngraph's "output
 * does not depend on the inputs"), a node no output depends on, an unknown name, a duplicate
 * name, and one module instance used by two nodes (use {@link Module#copy()} and
 * {@link Module#share} for weight sharing).
 *
 * <h2>Forward and backward</h2>
 * The two passes are the lecture's pseudo-code:
 * <pre>
 *   forward:  for node in nodesTopologicallySorted():           node.output = node.module.forward(node.inputs)
 *   backward: for node in reversed(nodesTopologicallySorted()): node.inputs.grad += node.module.backward(node.inputs, node.grad)
 * </pre>
 * Where a node feeds several others (or is an output and also feeds another node), the gradients
 * arriving from its consumers are <b>summed</b> (the multivariate chain rule; "the gradients add
 * up at forks"). Summation buffers are allocated on the first backward and reused afterwards;
 * a node with a single consumer passes that consumer's gradInput on without copying.
 *
 * <p><b>Parameters and children</b> are the nodes' modules in topological order (the order of
 * {@link #nodesTopologicallySorted()}, ties broken by declaration order), so {@link #parameters()},
 * {@link #copy()} and {@link #share} work as for {@code Sequential}. The graph's structure is held
 * in immutable {@link Node} records and index arrays, so the reflective {@link Module#copy()}
 * copies a graph (alone or nested in another container) correctly.
 *
 * <p>A {@code .t7} file holding an {@code nn.gModule} loads as a {@code Graph} through
 * {@link io.github.nn4j.torch7.T7Bridge} (nngraph's split outputs become {@code SelectTable}
 * nodes) and a {@code Graph} saves as a {@code gModule} Lua's nngraph can load and run (each
 * input becomes an {@code nn.Identity()()} node, the node names travel as
 * {@code annotations.name}; a node reading the same node twice reads it the second time
 * through an {@code nn.Identity} node, since nngraph refuses the same input twice).
 * Differences from nngraph: nodes have names
 * rather than annotations; there is no {@code node:split(n)}: a node whose module outputs a table
 * hands the whole table on (pick entries with {@code SelectTable} nodes); {@code backward} makes
 * one pass calling each module's {@code backward(input, gradOutput, scale)} (nngraph makes two,
 * {@code updateGradInput} then {@code accGradParameters}, which gives the same numbers; both are
 * available here too).
 */
public final class Graph extends Container<Data, Data> implements io.github.nn4j.torch7.LuaIndexed {

    /**
     * One node of a built graph: its position in {@link #nodesTopologicallySorted()}, its name,
     * and the positions of the nodes it reads, in order. Input nodes have no module and no
     * inputs. The module of a node is {@link Graph#module(Node)}.
     *
     * @param index the 0-based position in topological order
     * @param name the node's name
     * @param inputs the indices of the nodes whose outputs this node receives, in order
     * @param isInput whether the node is one of the graph's inputs
     */
    public record Node(int index, String name, List<Integer> inputs, boolean isInput) {

        /**
         * Checks and freezes the record.
         *
         * @param index the position
         * @param name the name
         * @param inputs the input indices
         * @param isInput whether it is an input
         */
        public Node {
            Objects.requireNonNull(name, "name");
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * The nodes in topological order (inputs first, in declaration order): what
     * {@link #nodesTopologicallySorted()} returns. An array of immutable records, so the passes
     * loop without allocating and the reflective {@link Module#copy()} shares it safely.
     */
    private final Node[] sorted;
    /** The module of each node (null for inputs), indexed like {@link #sorted}. */
    private final Module<?, ?>[] gates;
    /** Indices of the input nodes, in declaration order. */
    private final int[] inputNodes;
    /** Indices of the output nodes, in declaration order. */
    private final int[] outputNodes;
    /** How many gradients arrive at each node per backward (consumer slots plus output slots). */
    private final int[] fanOut;

    // buffers, reused from call to call
    /** The last forward value of each node (references to the modules' outputs or the input). */
    private final Data[] values;
    /** For nodes with several inputs: the table handed to the module. */
    private final Table[] inputTables;
    /** dL/d(node output) after the last backward (a reference or a summation buffer). */
    private final Data[] grads;
    /** Summation buffers of nodes with several consumers. */
    private final Data[] gradSums;
    /** How many gradients arrived at each node in the current backward. */
    private final int[] arrived;
    private final Table outputTable = new Table();
    private final Table gradInputTable = new Table();

    private Graph(List<Node> nodes, Module<?, ?>[] gates, int[] inputNodes, int[] outputNodes) {
        super(Tensor.empty(), Tensor.empty());
        this.sorted = nodes.toArray(new Node[0]);
        this.gates = gates;
        this.inputNodes = inputNodes;
        this.outputNodes = outputNodes;
        int n = sorted.length;
        this.fanOut = new int[n];
        for (Node node : nodes) {
            for (int in : node.inputs()) {
                fanOut[in]++;
            }
        }
        for (int out : outputNodes) {
            fanOut[out]++;
        }
        this.values = new Data[n];
        this.inputTables = new Table[n];
        this.grads = new Data[n];
        this.gradSums = new Data[n];
        this.arrived = new int[n];
        for (Node node : nodes) {
            if (gates[node.index()] != null) {
                super.add(gates[node.index()]);
                if (node.inputs().size() > 1) {
                    inputTables[node.index()] = new Table();
                }
            }
        }
    }

    /**
     * A builder of a graph (nngraph's node syntax plus {@code nn.gModule(inputs, outputs)}).
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ structure

    /**
     * The nodes in the order forward visits them: every node after the nodes it reads; inputs
     * first; ties broken by declaration order.
     *
     * @return the nodes (an unmodifiable list)
     */
    public List<Node> nodesTopologicallySorted() {
        return List.of(sorted);
    }

    /**
     * The node of a given name.
     *
     * @param name the name used when building
     * @return the node
     * @throws IllegalArgumentException if there is no such node
     */
    public Node node(String name) {
        for (Node node : sorted) {
            if (node.name().equals(name)) {
                return node;
            }
        }
        throw new IllegalArgumentException(torchTypeName() + ": no node named '" + name + "'");
    }

    /**
     * The module a node applies.
     *
     * @param node a node of this graph
     * @return the module, or {@code null} for an input node
     */
    public Module<?, ?> module(Node node) {
        return gates[checked(node).index()];
    }

    /**
     * The input nodes, in declaration order (entry {@code i} of a table input feeds input node
     * {@code i}).
     *
     * @return the input nodes
     */
    public List<Node> inputNodes() {
        return select(inputNodes);
    }

    /**
     * The output nodes, in declaration order.
     *
     * @return the output nodes
     */
    public List<Node> outputNodes() {
        return select(outputNodes);
    }

    /**
     * A node's value after the last forward (the module's output buffer, or the graph's input
     * for an input node).
     *
     * @param node a node of this graph
     * @return the value (not a copy), or {@code null} before the first forward
     */
    public Data value(Node node) {
        return values[checked(node).index()];
    }

    /**
     * dL/d(node's value) after the last backward: the sum of the gradients its consumers (and,
     * for an output node, the caller's gradOutput) sent it.
     *
     * @param node a node of this graph
     * @return the gradient (not a copy), or {@code null} before the first backward
     */
    public Data gradient(Node node) {
        return grads[checked(node).index()];
    }

    /**
     * The gradient one consumer sent back along the edge from {@code from} into slot
     * {@code slot} of {@code to} after the last backward: the consumer's gradInput, or entry
     * {@code slot} of it for a consumer of several inputs. The lecture writes it on the edge.
     *
     * @param to the consuming node (not an input node)
     * @param slot the 0-based position among {@code to}'s inputs
     * @return the gradient (not a copy)
     */
    public Data edgeGradient(Node to, int slot) {
        Module<?, ?> gate = module(to);
        if (gate == null || slot < 0 || slot >= to.inputs().size()) {
            throw new IllegalArgumentException(torchTypeName() + ": node '" + to.name() + "' has no input slot " + slot);
        }
        Data gi = gate.gradInput();
        return to.inputs().size() == 1 ? gi : ((Table) gi).get(slot);
    }

    // ------------------------------------------------------------------ forward and backward

    /**
     * Forward: binds the input(s) to the input nodes, then runs every node's module in
     * topological order.
     *
     * @param input one tensor (or table) for a graph of one input; a table with one entry per
     *              input otherwise
     * @return the output node's value, or a table of the outputs' values
     * @throws IllegalArgumentException if the input does not fit, or a node's module rejects
     *                                  its input (the message names the node)
     */
    @Override
    public Data updateOutput(Data input) {
        bindInputs(input);
        for (Node node : sorted) {                             // for node in nodesTopologicallySorted()
            if (!node.isInput()) {
                values[node.index()] = forwardNode(node);      //   node.output = node.module.forward(node.inputs)
            }
        }
        output = collect(outputNodes, values, outputTable);
        return output;
    }

    /**
     * Backward with parameter gradients: visits the nodes in reverse topological order, calling
     * each module's {@code backward(input, gradOutput, scale)} and sending the resulting
     * gradInput back along the edges, summing where edges meet.
     */
    @Override
    public Data backward(Data input, Data gradOutput, double scale) {
        seedGradOutput(gradOutput);
        for (int k = sorted.length - 1; k >= 0; k--) {        // for node in reversed(nodesTopologicallySorted())
            Node node = sorted[k];
            if (!node.isInput()) {
                sendBack(node, backwardNode(node, true, scale));     //   node.inputs.grad += node.module.backward(...)
            }
        }
        gradInput = collect(inputNodes, grads, gradInputTable);
        return gradInput;
    }

    /** The same reverse pass, with {@code updateGradInput} only (no parameter gradients). */
    @Override
    public Data updateGradInput(Data input, Data gradOutput) {
        seedGradOutput(gradOutput);
        for (int k = sorted.length - 1; k >= 0; k--) {
            Node node = sorted[k];
            if (!node.isInput()) {
                sendBack(node, backwardNode(node, false, 0));
            }
        }
        gradInput = collect(inputNodes, grads, gradInputTable);
        return gradInput;
    }

    /**
     * Adds {@code scale · dL/dθ} of every node's module, in reverse topological order, from the
     * node gradients of the last {@link #updateGradInput}.
     */
    @Override
    public void accGradParameters(Data input, Data gradOutput, double scale) {
        for (int k = sorted.length - 1; k >= 0; k--) {
            Node node = sorted[k];
            if (!node.isInput()) {
                gate(node).accGradParameters(inputOf(node), grads[node.index()], scale);
            }
        }
    }

    private Data forwardNode(Node node) {
        try {
            return gate(node).updateOutput(inputOf(node));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(header() + ": node '" + node.name() + "': " + e.getMessage(), e);
        }
    }

    /** Runs a node's backward, with its parameter gradients or ({@code updateGradInput}) without. */
    private Data backwardNode(Node node, boolean withParameters, double scale) {
        try {
            Module<Data, Data> gate = gate(node);
            Data in = inputOf(node);
            Data g = grads[node.index()];
            return withParameters ? gate.backward(in, g, scale) : gate.updateGradInput(in, g);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(header() + ": node '" + node.name() + "': " + e.getMessage(), e);
        }
    }

    private void bindInputs(Data input) {
        if (inputNodes.length == 1) {
            values[inputNodes[0]] = input;
            return;
        }
        if (!(input instanceof Table t) || t.size() != inputNodes.length) {
            throw new IllegalArgumentException(header() + ": expected a table of " + inputNodes.length
                    + " inputs " + names(inputNodes) + ", got " + input.shapeString());
        }
        for (int i = 0; i < inputNodes.length; i++) {
            values[inputNodes[i]] = t.get(i);
        }
    }

    private Data inputOf(Node node) {
        List<Integer> in = node.inputs();
        if (in.size() == 1) {
            return values[in.get(0)];
        }
        Table t = inputTables[node.index()];
        for (int k = 0; k < in.size(); k++) {
            t.set(k, values[in.get(k)]);
        }
        return t;
    }

    private void seedGradOutput(Data gradOutput) {
        Arrays.fill(arrived, 0);
        if (outputNodes.length == 1) {
            receive(outputNodes[0], gradOutput);
            return;
        }
        if (!(gradOutput instanceof Table t) || t.size() != outputNodes.length) {
            throw new IllegalArgumentException(header() + ": expected gradOutput as a table of "
                    + outputNodes.length + " entries " + names(outputNodes) + ", got " + gradOutput.shapeString());
        }
        for (int i = 0; i < outputNodes.length; i++) {
            receive(outputNodes[i], t.get(i));
        }
    }

    private void sendBack(Node node, Data gradInputOfNode) {
        List<Integer> in = node.inputs();
        if (gradInputOfNode == null) {
            skipGradient(node);
            return;
        }
        if (in.size() == 1) {
            receive(in.get(0), gradInputOfNode);
            return;
        }
        Table t = (Table) gradInputOfNode;
        for (int k = 0; k < in.size(); k++) {
            receive(in.get(k), t.get(k));
        }
    }

    /**
     * A node that computes no gradInput ({@code Linear.noGradInput()}, or {@code gradInput = nil}
     * in a {@code .t7} file): allowed only where nothing needs that gradient, i.e. when the node is
     * fed by the graph's only input and nothing else feeds from it; the graph's gradInput is then
     * {@code null}, like the module's. Anywhere else it is a clear error (nngraph fails there too).
     */
    private void skipGradient(Node node) {
        for (int n : node.inputs()) {
            if (!sorted[n].isInput() || fanOut[n] != 1 || inputNodes.length != 1) {
                throw new IllegalStateException(header() + ": node '" + node.name() + "' computes no gradInput"
                        + " (noGradInput(), or gradInput = nil in a .t7 file), but node '" + sorted[n].name()
                        + "' needs it to go backward; only a module fed by the graph's only input, and alone in"
                        + " using it, may skip it (enableGradInput() turns it back on)");
            }
        }
        for (int n : node.inputs()) {
            grads[n] = null;
            arrived[n]++;
        }
    }

    /** One gradient arrives at node {@code n}: keep it, or add it to the ones that came before. */
    private void receive(int n, Data g) {
        if (fanOut[n] == 1) {
            grads[n] = g;
        } else if (arrived[n] == 0) {
            gradSums[n] = copyInto(gradSums[n], g);
            grads[n] = gradSums[n];
        } else {
            addInto(gradSums[n], g);
        }
        arrived[n]++;
    }

    private static Data collect(int[] which, Data[] from, Table table) {
        if (which.length == 1) {
            return from[which[0]];
        }
        for (int i = 0; i < which.length; i++) {
            table.set(i, from[which[i]]);
        }
        return table;
    }

    /** Copies {@code src} into {@code buf}, reusing it when it has the same structure. */
    private static Data copyInto(Data buf, Data src) {
        if (src instanceof Tensor s) {
            return buf instanceof Tensor b ? b.copyFrom(s) : s.clone();
        }
        Table s = (Table) src;
        Table b = buf instanceof Table t ? t : new Table();
        b.truncate(s.size());
        for (int i = 0; i < s.size(); i++) {
            b.set(i, copyInto(i < b.size() ? b.get(i) : null, s.get(i)));
        }
        return b;
    }

    private static void addInto(Data buf, Data src) {
        if (buf instanceof Tensor b) {
            b.add((Tensor) src);
        } else {
            Table b = (Table) buf;
            Table s = (Table) src;
            for (int i = 0; i < s.size(); i++) {
                addInto(b.get(i), s.get(i));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Module<Data, Data> gate(Node node) {
        return (Module<Data, Data>) gates[node.index()];
    }

    private Node checked(Node node) {
        if (node.index() < 0 || node.index() >= sorted.length || !sorted[node.index()].equals(node)) {
            throw new IllegalArgumentException(torchTypeName() + ": node '" + node.name() + "' is not a node of this graph");
        }
        return node;
    }

    private List<Node> select(int[] which) {
        List<Node> out = new ArrayList<>(which.length);
        for (int i : which) {
            out.add(sorted[i]);
        }
        return Collections.unmodifiableList(out);
    }

    private String names(int[] which) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < which.length; i++) {
            sb.append(i > 0 ? ", " : "").append(sorted[which[i]].name());
        }
        return sb.append('}').toString();
    }

    // ------------------------------------------------------------------ container and printing

    /**
     * Not supported: a graph's modules are fixed when it is built.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Graph add(Module<?, ?> module) {
        throw new UnsupportedOperationException(torchTypeName() + ": nodes are added with Graph.builder(), not add()");
    }

    /**
     * A Lua input in Java's form: each graph input that goes only into modules taking indices
     * (directly or through {@code nn.Identity} nodes; char-rnn's {@code OneHot}, a
     * {@code LookupTable}) is shifted by the first of them; the other inputs are unchanged.
     */
    @Override
    public Data fromLua(Data lua) {
        if (inputNodes.length == 1) {
            io.github.nn4j.torch7.LuaIndexed l = indexedConsumer(inputNodes[0]);
            return l == null ? lua : l.fromLua(lua);
        }
        if (!(lua instanceof Table t) || t.size() != inputNodes.length) {
            return lua;
        }
        Table out = null;
        for (int i = 0; i < inputNodes.length; i++) {
            io.github.nn4j.torch7.LuaIndexed l = indexedConsumer(inputNodes[i]);
            if (l != null) {
                if (out == null) {
                    out = Table.of(t.asList());
                }
                out.set(i, l.fromLua(t.get(i)));
            }
        }
        return out == null ? lua : out;
    }

    /** The index-taking module behind node {@code n} when all its consumers are such (or Identity to such). */
    private io.github.nn4j.torch7.LuaIndexed indexedConsumer(int n) {
        for (int o : outputNodes) {
            if (o == n) {
                return null;
            }
        }
        io.github.nn4j.torch7.LuaIndexed found = null;
        for (Node node : sorted) {
            if (!node.inputs().contains(n)) {
                continue;
            }
            Module<?, ?> g = gates[node.index()];
            io.github.nn4j.torch7.LuaIndexed l = node.inputs().size() != 1 ? null
                    : g instanceof io.github.nn4j.torch7.LuaIndexed x ? x
                    : g instanceof Identity ? indexedConsumer(node.index()) : null;
            if (l == null) {
                return null;
            }
            found = found == null ? l : found;
        }
        return found;
    }

    @Override
    public String torchTypeName() {
        return "nn.gModule";
    }

    /**
     * A deep copy: every node's module is copied (parameters, gradients and buffers), the
     * structure, held in immutable records, is shared. The reflective {@link Module#copy()} does
     * it, so a graph nested in another container is copied the same way.
     *
     * @return an independent graph of the same structure
     */
    @Override
    public Graph copy() {
        return (Graph) super.copy();
    }

    /**
     * Prints the inputs and outputs, then the nodes in topological order, one per line, with the
     * nodes they read:
     * <pre>
     * nn.gModule(x, y, z -&gt; f)
     *   (1) x = input
     *   (2) y = input
     *   (3) z = input
     *   (4) q = nn.CAddTable &lt;- (x, y)
     *   (5) f = nn.CMulTable &lt;- (q, z)
     * </pre>
     * Positions are 1-based, as Torch numbers a container's modules; a module that prints on
     * several lines is indented.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(header());
        for (Node node : sorted) {
            sb.append("\n  (").append(node.index() + 1).append(") ").append(node.name()).append(" = ");
            if (node.isInput()) {
                sb.append("input");
            } else {
                sb.append(gates[node.index()].toString().replace("\n", "\n  ")).append(" <- (");
                for (int k = 0; k < node.inputs().size(); k++) {
                    sb.append(k > 0 ? ", " : "").append(sorted[node.inputs().get(k)].name());
                }
                sb.append(')');
            }
        }
        return sb.toString();
    }

    /** {@code nn.gModule(x, y, z -> f)}: the first line of {@link #toString()}, used in messages. */
    private String header() {
        String in = names(inputNodes);
        String out = names(outputNodes);
        return torchTypeName() + "(" + in.substring(1, in.length() - 1) + " -> " + out.substring(1, out.length() - 1)
                + ")";
    }

    /** Also forgets the node values, gradients and summation buffers. */
    @Override
    public Graph clearState() {
        super.clearState();
        Arrays.fill(values, null);
        Arrays.fill(grads, null);
        Arrays.fill(gradSums, null);
        for (Table t : inputTables) {
            if (t != null) {
                t.clear();
            }
        }
        outputTable.clear();
        gradInputTable.clear();
        return this;
    }

    // ------------------------------------------------------------------ builder

    /**
     * Declares inputs, nodes and outputs by name, in any order, then checks and builds the
     * graph. A builder is used once.
     */
    public static final class Builder {

        private record Decl(String name, Module<?, ?> module, List<String> inputs) {
        }

        private final Map<String, Decl> decls = new LinkedHashMap<>();
        private final List<String> inputs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();

        private Builder() {
        }

        /**
         * Declares an input (nngraph's {@code x = nn.Identity()()} listed in
         * {@code gModule}'s inputs).
         *
         * @param name a name not used before
         * @return this
         */
        public Builder input(String name) {
            declare(new Decl(name, null, List.of()));
            inputs.add(name);
            return this;
        }

        /**
         * Declares several inputs, in order.
         *
         * @param names names not used before
         * @return this
         */
        public Builder inputs(String... names) {
            for (String name : names) {
                input(name);
            }
            return this;
        }

        /**
         * Declares a node applying {@code module} to the outputs of other nodes (nngraph's
         * {@code name = module({a, b})}). With one input the module receives that node's output;
         * with several, a {@link Table} of their outputs in this order. The nodes named may be
         * declared later.
         *
         * @param name a name not used before
         * @param module the module, not used by another node
         * @param inputs the names of the nodes it reads (at least one; a name may repeat, as in
         *               {@code x * x})
         * @return this
         */
        public Builder node(String name, Module<?, ?> module, String... inputs) {
            Objects.requireNonNull(module, "module");
            declare(new Decl(name, module, List.of(inputs)));
            return this;
        }

        /**
         * Declares an output, in order (nngraph's {@code gModule} outputs).
         *
         * @param name the name of a node or input
         * @return this
         */
        public Builder output(String name) {
            outputs.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Declares several outputs, in order.
         *
         * @param names names of nodes or inputs
         * @return this
         */
        public Builder outputs(String... names) {
            for (String name : names) {
                output(name);
            }
            return this;
        }

        private void declare(Decl d) {
            Objects.requireNonNull(d.name(), "name");
            if (decls.containsKey(d.name())) {
                throw new IllegalArgumentException("nn.gModule: node '" + d.name() + "' is declared twice");
            }
            decls.put(d.name(), d);
        }

        /**
         * Checks the graph and builds it.
         *
         * @return the graph, a {@link Module}
         * @throws IllegalArgumentException naming the nodes concerned, for: no input or no
         *         output, an unknown name, a module used twice, a node without inputs that is not
         *         an input, a cycle, an unused input, a node no output depends on
         */
        public Graph build() {
            if (inputs.isEmpty() || outputs.isEmpty()) {
                throw new IllegalArgumentException("nn.gModule: a graph needs at least one input and one output"
                        + " (inputs " + inputs + ", outputs " + outputs + ")");
            }
            Map<Module<?, ?>, String> owners = new IdentityHashMap<>();
            for (Decl d : decls.values()) {
                for (String in : d.inputs()) {
                    if (!decls.containsKey(in)) {
                        throw new IllegalArgumentException("nn.gModule: node '" + d.name() + "' reads '" + in
                                + "', which is not declared");
                    }
                }
                if (d.module() != null) {
                    String other = owners.put(d.module(), d.name());
                    if (other != null) {
                        throw new IllegalArgumentException("nn.gModule: nodes '" + other + "' and '" + d.name()
                                + "' use the same module instance " + d.module()
                                + "; give each node its own module (copy() and share() for shared weights)");
                    }
                }
            }
            for (String out : outputs) {
                if (!decls.containsKey(out)) {
                    throw new IllegalArgumentException("nn.gModule: output '" + out + "' is not declared");
                }
            }
            // walk back from the outputs: finds cycles and what the outputs depend on
            Map<String, Integer> state = new LinkedHashMap<>();
            for (String out : outputs) {
                visit(out, state, new ArrayDeque<>(), out);
            }
            for (String in : inputs) {
                if (!state.containsKey(in)) {
                    throw new IllegalArgumentException("nn.gModule: input '" + in + "' is not used by any output "
                            + outputs);
                }
            }
            for (String name : decls.keySet()) {
                if (!state.containsKey(name)) {
                    throw new IllegalArgumentException("nn.gModule: node '" + name + "' is not used by any output "
                            + outputs + "; declare it as an output or remove it");
                }
            }
            return assemble();
        }

        private static final int VISITING = 1;
        private static final int DONE = 2;

        private void visit(String name, Map<String, Integer> state, Deque<String> path, String output) {
            Integer s = state.get(name);
            if (s != null && s == DONE) {
                return;
            }
            path.addLast(name);
            if (s != null) {
                List<String> p = new ArrayList<>(path);
                List<String> cycle = p.subList(p.indexOf(name), p.size());
                Collections.reverse(cycle);
                throw new IllegalArgumentException("nn.gModule: the graph has a cycle: " + String.join(" -> ", cycle));
            }
            state.put(name, VISITING);
            Decl d = decls.get(name);
            if (d.module() == null && !inputs.contains(name)) {
                throw new IllegalArgumentException("nn.gModule: output '" + output
                        + "' does not depend on the inputs only: node '" + name + "' is not an input");
            }
            if (d.module() != null && d.inputs().isEmpty()) {
                throw new IllegalArgumentException("nn.gModule: output '" + output
                        + "' does not depend on the inputs: node '" + name + "' (" + d.module()
                        + ") reads no node; declare it with input(\"" + name + "\") or give it inputs");
            }
            for (String in : d.inputs()) {
                visit(in, state, path, output);
            }
            state.put(name, DONE);
            path.removeLast();
        }

        /** Kahn's algorithm, taking the ready node declared first; inputs come first. */
        private Graph assemble() {
            List<String> order = new ArrayList<>(inputs);
            List<Decl> rest = new ArrayList<>();
            for (Decl d : decls.values()) {
                if (d.module() != null) {
                    rest.add(d);
                }
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                index.put(order.get(i), i);
            }
            while (!rest.isEmpty()) {
                Decl ready = null;
                for (Decl d : rest) {
                    if (index.keySet().containsAll(d.inputs())) {
                        ready = d;
                        break;
                    }
                }
                if (ready == null) {
                    throw new IllegalStateException("nn.gModule: no node is ready among " + rest);
                }
                rest.remove(ready);
                index.put(ready.name(), order.size());
                order.add(ready.name());
            }
            List<Node> nodes = new ArrayList<>(order.size());
            Module<?, ?>[] gates = new Module<?, ?>[order.size()];
            for (int i = 0; i < order.size(); i++) {
                Decl d = decls.get(order.get(i));
                List<Integer> in = new ArrayList<>(d.inputs().size());
                for (String s : d.inputs()) {
                    in.add(index.get(s));
                }
                nodes.add(new Node(i, d.name(), in, d.module() == null));
                gates[i] = d.module();
            }
            int[] inputIdx = new int[inputs.size()];
            for (int i = 0; i < inputIdx.length; i++) {
                inputIdx[i] = index.get(inputs.get(i));
            }
            int[] outputIdx = new int[outputs.size()];
            for (int i = 0; i < outputIdx.length; i++) {
                outputIdx[i] = index.get(outputs.get(i));
            }
            return new Graph(nodes, gates, inputIdx, outputIdx);
        }
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Graph training() {
        super.training();
        return this;
    }

    @Override
    public Graph evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Graph reset() {
        super.reset();
        return this;
    }

    @Override
    public Graph reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
