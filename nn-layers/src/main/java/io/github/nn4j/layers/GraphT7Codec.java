package io.github.nn4j.layers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.nn4j.Module;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

/**
 * Loads nngraph's {@code nn.gModule} as a {@link Graph} (loading only: saving a {@code Graph} as
 * a {@code gModule} would need nngraph's node and graph objects, and is refused with a
 * {@link T7ModuleException}).
 *
 * <p>The graph is rebuilt from the gModule's {@code forwardnodes} (nngraph's topological order):
 * each {@code nngraph.Node}'s {@code data.module} is converted through the bridge, and its inputs
 * are the nodes listed in {@code data.mapindex}, in that order. nngraph's bookkeeping nodes become
 * plain wiring:
 * <ul>
 *   <li>the dummy input node ({@code innode}) is the graph's input; with {@code nInputs > 1} nngraph
 *       splits it with select nodes, which become the Graph's inputs in {@code selectindex} order
 *       (so the Graph takes a {@link io.github.nn4j.Table} of them, as the gModule does);</li>
 *   <li>a node without module and with one input (the split node, the dummy output node) passes
 *       its input on; with several inputs it is an {@link Identity} of their table;</li>
 *   <li>any other select node (a module's {@code :split(n)} output) is a {@link SelectTable} of
 *       its 0-based index;</li>
 *   <li>the Graph's outputs are the inputs of the dummy output node ({@code outnode}).</li>
 * </ul>
 * The inputs are named {@code input} (one) or {@code input1}, {@code input2}, ... (several); other
 * nodes after their {@code annotations.name} where nngraph has one, else {@code node<k>} with
 * {@code k} the 1-based position in {@code forwardnodes}. Parameter nodes
 * (a module applied to nothing) are not supported.
 */
final class GraphT7Codec implements T7Codec<Graph> {

    static final GraphT7Codec INSTANCE = new GraphT7Codec();

    private GraphT7Codec() {
    }

    @Override
    public String torchClass() {
        return "nn.gModule";
    }

    @Override
    public Class<Graph> javaClass() {
        return Graph.class;
    }

    @Override
    public void write(Graph value, T7Table fields, T7Bridge.Writing out) throws T7ModuleException {
        throw new T7ModuleException("", "saving a Graph as nngraph's nn.gModule is not supported", null);
    }

    /** A node's value in the Java graph: a node or input name, or the unsplit gModule input. */
    private record Ref(String name, boolean wholeInput) {
    }

    /** A node to declare once the inputs are known. */
    private record Decl(String name, Module<?, ?> module, List<String> inputs) {
    }

    @Override
    public Graph read(T7Object object, T7Bridge.Reading in) throws T7ModuleException {
        T7Table forward = object.getTable("forwardnodes");
        if (!forward.isList() || forward.isEmpty()) {
            throw in.error("nn.gModule: forwardnodes is not a non-empty Lua array");
        }
        List<Object> nodes = forward.list();
        int n = nodes.size();
        T7Table[] data = new T7Table[n];
        Map<Object, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            if (!(nodes.get(i) instanceof T7Object node) || !"nngraph.Node".equals(node.className())) {
                throw in.error("nn.gModule: forwardnodes[" + (i + 1) + "] is not an nngraph.Node");
            }
            data[i] = node.getTable("data");
            position.put(data[i], i);
        }
        Integer innode = position.get(object.getObject("innode").getTable("data"));
        Integer outnode = position.get(object.getObject("outnode").getTable("data"));
        if (innode == null || outnode == null) {
            throw in.error("nn.gModule: innode or outnode is not among the forwardnodes");
        }
        int nInputs = object.getInt("nInputs", 1);

        Ref[] ref = new Ref[n];
        TreeMap<Integer, String> splitInputs = new TreeMap<>();
        List<Decl> decls = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (i == outnode) {
                continue;
            }
            String where = "forwardnodes[" + (i + 1) + "]";
            List<Integer> parents = parents(data[i], position, where, in);
            if (i == innode) {
                ref[i] = nInputs > 1 ? new Ref(null, true) : new Ref("input", false);
                names.add("input");
                continue;
            }
            Object moduleField = data[i].get("module");
            Object select = data[i].get("selectindex");
            if (moduleField == null && select == null) {
                if (parents.size() == 1) {
                    ref[i] = ref[parents.get(0)];
                    continue;
                }
                if (parents.isEmpty()) {
                    throw in.error("nn.gModule: " + where + " has neither a module nor inputs");
                }
                String name = name(data[i], i, names);
                decls.add(new Decl(name, new Identity(), inputs(parents, ref, where, in)));
                ref[i] = new Ref(name, false);
                continue;
            }
            if (moduleField == null) {
                int k = data[i].getInt("selectindex");
                if (parents.size() != 1) {
                    throw in.error("nn.gModule: " + where + " selects from " + parents.size() + " inputs, expected 1");
                }
                Ref from = ref[parents.get(0)];
                if (from.wholeInput()) {
                    String name = names.add("input" + k) ? "input" + k : name(data[i], i, names);
                    if (splitInputs.put(k, name) != null) {
                        throw in.error("nn.gModule: input " + k + " is selected twice");
                    }
                    ref[i] = new Ref(name, false);
                } else {
                    String name = name(data[i], i, names);
                    decls.add(new Decl(name, new SelectTable(k > 0 ? k - 1 : k), List.of(from.name())));
                    ref[i] = new Ref(name, false);
                }
                continue;
            }
            Module<?, ?> module = in.module(moduleField, where + ".data.module");
            if (parents.isEmpty()) {
                throw in.error("nn.gModule: " + where + " (" + module + ") has no inputs;"
                        + " parameter nodes are not supported");
            }
            String name = name(data[i], i, names);
            decls.add(new Decl(name, module, inputs(parents, ref, where, in)));
            ref[i] = new Ref(name, false);
        }

        Graph.Builder b = Graph.builder();
        if (nInputs > 1) {
            if (splitInputs.size() != nInputs || splitInputs.firstKey() != 1 || splitInputs.lastKey() != nInputs) {
                throw in.error("nn.gModule: expected the " + nInputs + " inputs to be selected 1.." + nInputs
                        + ", found " + splitInputs.keySet());
            }
            for (String name : splitInputs.values()) {
                b.input(name);
            }
        } else {
            b.input("input");
        }
        for (Decl d : decls) {
            b.node(d.name(), d.module(), d.inputs().toArray(new String[0]));
        }
        for (String out : inputs(parents(data[outnode], position, "outnode", in), ref, "outnode", in)) {
            b.output(out);
        }
        return b.build();
    }

    private static List<Integer> parents(T7Table data, Map<Object, Integer> position, String where,
            T7Bridge.Reading in) throws T7ModuleException {
        T7Table mapindex = data.optTable("mapindex");
        List<Integer> out = new ArrayList<>();
        if (mapindex == null) {
            return out;
        }
        for (int k = 1; k <= mapindex.arrayLength(); k++) {
            Integer p = position.get(mapindex.get((double) k));
            if (p == null) {
                throw in.error("nn.gModule: input " + k + " of " + where + " is not among the forwardnodes");
            }
            out.add(p);
        }
        return out;
    }

    private static List<String> inputs(List<Integer> parents, Ref[] ref, String where, T7Bridge.Reading in)
            throws T7ModuleException {
        List<String> out = new ArrayList<>();
        for (int p : parents) {
            Ref r = ref[p];
            if (r == null || r.wholeInput()) {
                throw in.error("nn.gModule: " + where + " reads "
                        + (r == null ? "a node that comes later" : "the whole input table without a split")
                        + ", which is not supported");
            }
            out.add(r.name());
        }
        return out;
    }

    private static String name(T7Table data, int i, Set<String> used) {
        String name = null;
        if (data.get("annotations") instanceof T7Table ann && ann.get("name") instanceof String s && !s.isBlank()) {
            name = s;
        }
        if (name == null || used.contains(name)) {
            name = "node" + (i + 1);
        }
        used.add(name);
        return name;
    }
}
