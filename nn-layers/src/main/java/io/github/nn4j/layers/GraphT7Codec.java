package io.github.nn4j.layers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
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
 * Loads nngraph's {@code nn.gModule} as a {@link Graph}, and saves a {@code Graph} as a
 * {@code gModule} that Lua's nngraph can load and run.
 *
 * <h2>Loading</h2>
 * The graph is rebuilt from the gModule's {@code forwardnodes} (nngraph's topological order):
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
 *
 * <h2>Saving</h2>
 * {@link #write} builds what nngraph's {@code gModule:__init} builds (nngraph's {@code gmodule.lua},
 * {@code node.lua} and torch/graph's {@code Graph.lua}, {@code Node.lua}), running the same
 * algorithms in the same order so that node ids, edge order and the two topological orders are
 * those Lua would compute for the same network:
 * <ol>
 *   <li>one {@code nngraph.Node} per Graph node, {@code data = {module, mapindex, annotations}}:
 *       each Graph input becomes an {@code nn.Identity()()} node (as in {@code x = nn.Identity()()});
 *       a node's children are its inputs, {@code mapindex} lists their data tables in order and
 *       maps each back to its 1-based position; {@code annotations} holds a {@code _debugLabel}
 *       and the node's name as {@code name};</li>
 *   <li>the dummy output node ({@code data.input = {}}) reads the outputs; the dummy input node
 *       ({@code data.input = {}}) feeds the input node, or with several inputs
 *       {@code innode:split(n)}: a node {@code {nSplitOutputs = n}} and select nodes
 *       {@code {selectindex = i, input = {}}};</li>
 *   <li>{@code bg = outnode:graph()} (edges to children, nodes breadth first, ids in order of first
 *       appearance), {@code fg = bg:reverse()} (new node objects sharing each data table),
 *       {@code innode = fg:roots()[1]}, {@code forwardnodes = fg:topsort()},
 *       {@code backwardnodes = bg:topsort()} (post-order depth-first walks),
 *       {@code data.forwardNodeId} = the fg id, {@code modules} = the modules in forwardnodes
 *       order, {@code nInputs}, {@code verbose = false}; {@code output} and {@code gradInput} are
 *       nil, except {@code output = outnode.data.input} with several outputs, as nngraph sets
 *       them.</li>
 * </ol>
 * Node objects carry {@code data, id, children} (an array with the reverse index),
 * {@code visited = false} and {@code marked = false}; {@code graph.Graph} carries {@code nodes}
 * and {@code edges} (arrays with reverse indexes), {@code graph.Edge} {@code from} and {@code to}.
 * The modules are therefore listed (and Lua's {@code parameters()} ordered) in nngraph's
 * forwardnodes order, which may differ from this Graph's topological order; loading the file
 * back gives a Graph in that order, with an {@code Identity} node (named after the input) behind
 * each input. nngraph refuses a node that reads the same node twice ("Don't pass the same input
 * twice"), so such a second (third, ...) read goes through a new {@code nn.Identity} node, as one
 * writes {@code nn.CMulTable()({x, nn.Identity()(x)})} in Lua.
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
        List<Graph.Node> nodes = value.nodesTopologicallySorted();
        int nInputs = value.inputNodes().size();
        // the user's nodes, as nngraph's Node objects of the backward graph: children are the inputs
        LuaNode[] user = new LuaNode[nodes.size()];
        for (Graph.Node node : nodes) {
            Module<?, ?> module = node.isInput() ? new Identity() : value.module(node);
            T7Table data = new T7Table();
            data.put("module", out.convert(module));
            user[node.index()] = new LuaNode(data, "[nn4j]:" + (node.index() + 1), node.name());
        }
        for (Graph.Node node : nodes) {
            for (int in : node.inputs()) {
                addInput(user[node.index()], user[in], out);
            }
        }
        // gModule:__init: the dummy output node reads the outputs, the dummy input node feeds the
        // inputs (through innode:split(nInputs) when there are several)
        T7Table outData = T7Table.of("input", new T7Table());
        LuaNode outnode = new LuaNode(outData, "[nn4j]:outnode", null);
        for (Graph.Node o : value.outputNodes()) {
            addInput(outnode, user[o.index()], out);
        }
        LuaNode innode = new LuaNode(T7Table.of("input", new T7Table()), "[nn4j]:innode", null);
        List<Graph.Node> inputs = value.inputNodes();
        if (nInputs == 1) {
            addMapped(user[inputs.get(0).index()], innode, inputs.get(0).name(), "the input");
        } else {
            String label = innode.label();
            LuaNode mnode = new LuaNode(T7Table.of("nSplitOutputs", (double) nInputs), label + "-mnode", null);
            addMapped(mnode, innode, "split", "the input");
            for (int i = 0; i < nInputs; i++) {
                LuaNode select = new LuaNode(T7Table.of("selectindex", (double) i + 1, "input", new T7Table()),
                        label + "-" + (i + 1), null);
                addMapped(select, mnode, "select", "split");
                addMapped(user[inputs.get(i).index()], select, inputs.get(i).name(), "select");
            }
        }

        // self.bg = outnode:graph(); self.fg = self.bg:reverse(); innode = self.fg:roots()[1]
        LuaGraph bg = LuaGraph.of(outnode);
        LuaGraph fg = bg.reverse(null);
        List<LuaNode> roots = fg.roots();
        if (roots.size() != 1 || roots.get(0).data != innode.data) {
            throw new T7ModuleException("", "nn.gModule: expected the input node as the only root of the forward"
                    + " graph, found " + roots.size() + " roots", null);
        }
        List<LuaNode> forwardnodes = fg.topsort();
        List<LuaNode> backwardnodes = bg.topsort();
        T7Table modules = new T7Table();
        for (LuaNode n : forwardnodes) {
            n.data.put("forwardNodeId", (double) n.id);
            if (n.data.get("module") != null) {
                modules.append(n.data.get("module"));
            }
        }

        Map<LuaNode, T7Object> objects = new IdentityHashMap<>();
        fields.put("fg", fg.toT7(objects));
        fields.put("bg", bg.toT7(objects));
        fields.put("innode", objects.get(roots.get(0)));
        fields.put("outnode", objects.get(outnode));
        fields.put("forwardnodes", list(forwardnodes, objects));
        fields.put("backwardnodes", list(backwardnodes, objects));
        fields.put("modules", modules);
        fields.put("nInputs", (double) nInputs);
        fields.put("verbose", false);
        // nngraph sets output and gradInput to nil, except output = outnode.data.input for several outputs
        fields.remove("gradInput");
        fields.remove("output");
        if (value.outputNodes().size() > 1) {
            fields.put("output", outData.get("input"));
        }
    }

    /**
     * Adds an input to a node; an input the node already reads (nngraph refuses "the same input
     * twice") is read through a new {@code nn.Identity} node, as one writes {@code x * x} in
     * nngraph: {@code nn.CMulTable()({x, nn.Identity()(x)})}.
     */
    private static void addInput(LuaNode parent, LuaNode child, T7Bridge.Writing out) throws T7ModuleException {
        LuaNode from = child;
        if (parent.data.getTable("mapindex").containsKey(child.data)) {
            T7Table data = new T7Table();
            data.put("module", out.convert(new Identity()));
            from = new LuaNode(data, child.label() + "-again", null);
            addMapped(from, child, "an Identity", "an input");
        }
        addMapped(parent, from, "a node", "an input");
    }

    /** nngraph.Node:add(child, true): a child (an input, in the backward graph) and its mapindex entry. */
    private static void addMapped(LuaNode parent, LuaNode child, String parentName, String childName)
            throws T7ModuleException {
        T7Table mapindex = parent.data.getTable("mapindex");
        if (mapindex.containsKey(child.data)) {
            throw new T7ModuleException("", "nn.gModule: '" + parentName + "' reads '" + childName
                    + "' twice, which nngraph cannot represent (\"Don't pass the same input twice\");"
                    + " read it once through an Identity node", null);
        }
        parent.add(child);
        mapindex.append(child.data);
        mapindex.put(child.data, (double) mapindex.arrayLength());
    }

    private static T7Table list(List<LuaNode> nodes, Map<LuaNode, T7Object> objects) {
        T7Table t = new T7Table();
        for (LuaNode n : nodes) {
            t.append(objects.get(n));
        }
        return t;
    }

    /**
     * A {@code graph.Node} while the gModule is assembled: its data table (shared between the
     * forward and backward graphs' nodes, as in nngraph), its children in order, its id.
     */
    private static final class LuaNode {
        final T7Table data;
        final List<LuaNode> children = new ArrayList<>();
        int id;

        LuaNode(T7Table data, String debugLabel, String name) {
            this.data = data;
            if (data.get("mapindex") == null) {
                data.put("mapindex", new T7Table());
            }
            if (data.get("annotations") == null) {
                T7Table annotations = T7Table.of("_debugLabel", debugLabel);
                if (name != null) {
                    annotations.put("name", name);
                }
                data.put("annotations", annotations);
            }
        }

        /** A node of another graph sharing this node's data ({@code node.new(node.data)}). */
        LuaNode(T7Table data) {
            this.data = data;
        }

        String label() {
            return (String) data.getTable("annotations").get("_debugLabel");
        }

        /** graph.Node:add: appends a child unless it is already there. */
        void add(LuaNode child) {
            for (LuaNode c : children) {
                if (c == child) {
                    return;
                }
            }
            children.add(child);
        }
    }

    private record LuaEdge(LuaNode from, LuaNode to) {
    }

    /** torch/graph's graph.Graph, with the algorithms nngraph's gModule:__init runs on it. */
    private static final class LuaGraph {
        final List<LuaNode> nodes = new ArrayList<>();
        final List<LuaEdge> edges = new ArrayList<>();
        final Map<LuaNode, Integer> index = new IdentityHashMap<>();

        /** Graph:add(edge): registers the nodes in order of first appearance; ids are positions. */
        void add(LuaEdge e) {
            edges.add(e);
            for (LuaNode n : List.of(e.from(), e.to())) {
                if (!index.containsKey(n)) {
                    nodes.add(n);
                    index.put(n, nodes.size());
                }
            }
            e.from().add(e.to());
            e.from().id = index.get(e.from());
            e.to().id = index.get(e.to());
        }

        /** Node:graph(): the edges to each node's children, nodes taken breadth first. */
        static LuaGraph of(LuaNode root) {
            LuaGraph g = new LuaGraph();
            ArrayDeque<LuaNode> queue = new ArrayDeque<>();
            Set<LuaNode> marked = Collections.newSetFromMap(new IdentityHashMap<>());
            queue.add(root);
            marked.add(root);
            while (!queue.isEmpty()) {
                LuaNode n = queue.removeFirst();
                for (LuaNode c : List.copyOf(n.children)) {
                    g.add(new LuaEdge(n, c));
                }
                for (LuaNode c : n.children) {
                    if (marked.add(c)) {
                        queue.add(c);
                    }
                }
            }
            return g;
        }

        /** Graph:reverse(): new nodes sharing the data, every edge reversed, in edge order. */
        LuaGraph reverse(Map<LuaNode, LuaNode> map) {
            Map<LuaNode, LuaNode> m = map != null ? map : new IdentityHashMap<>();
            LuaGraph rg = new LuaGraph();
            for (LuaEdge e : edges) {
                LuaNode from = m.computeIfAbsent(e.from(), n -> new LuaNode(n.data));
                LuaNode to = m.computeIfAbsent(e.to(), n -> new LuaNode(n.data));
                rg.add(new LuaEdge(to, from));
            }
            return rg;
        }

        /** Graph:roots(): nodes that start an edge and end none, in node order. */
        List<LuaNode> roots() {
            Set<LuaNode> from = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<LuaNode> to = Collections.newSetFromMap(new IdentityHashMap<>());
            for (LuaEdge e : edges) {
                from.add(e.from());
                to.add(e.to());
            }
            List<LuaNode> roots = new ArrayList<>();
            for (LuaNode n : nodes) {
                if (from.contains(n) && !to.contains(n)) {
                    roots.add(n);
                }
            }
            return roots;
        }

        /** Graph:topsort(): post-order depth-first walks of the reversed graph from its roots. */
        List<LuaNode> topsort() {
            Map<LuaNode, LuaNode> map = new IdentityHashMap<>();
            LuaGraph rg = reverse(map);
            Map<LuaNode, LuaNode> rmap = new IdentityHashMap<>();
            for (Map.Entry<LuaNode, LuaNode> e : map.entrySet()) {
                rmap.put(e.getValue(), e.getKey());
            }
            List<LuaNode> sorted = new ArrayList<>();
            for (LuaNode root : rg.roots()) {
                visit(root, Collections.newSetFromMap(new IdentityHashMap<>()), rmap, sorted);
            }
            return sorted;
        }

        private static void visit(LuaNode n, Set<LuaNode> visited, Map<LuaNode, LuaNode> rmap, List<LuaNode> out) {
            if (visited.add(n)) {
                for (LuaNode c : n.children) {
                    visit(c, visited, rmap, out);
                }
                out.add(rmap.get(n));
            }
        }

        /** The graph.Graph object: nodes and edges as Lua arrays with their reverse index. */
        T7Object toT7(Map<LuaNode, T7Object> objects) {
            for (LuaNode n : nodes) {
                T7Object o = T7Object.withFields("nngraph.Node");
                o.fields().put("data", n.data).put("id", (double) n.id).put("visited", false).put("marked", false);
                objects.put(n, o);
            }
            T7Table nodeTable = new T7Table();
            for (LuaNode n : nodes) {
                T7Table children = new T7Table();
                for (LuaNode c : n.children) {
                    children.append(objects.get(c));
                    children.put(objects.get(c), (double) children.arrayLength());
                }
                objects.get(n).fields().put("children", children);
                nodeTable.append(objects.get(n));
                nodeTable.put(objects.get(n), (double) nodeTable.arrayLength());
            }
            T7Table edgeTable = new T7Table();
            for (LuaEdge e : edges) {
                T7Object edge = T7Object.withFields("graph.Edge");
                edge.fields().put("from", objects.get(e.from())).put("to", objects.get(e.to()));
                edgeTable.append(edge);
                edgeTable.put(edge, (double) edgeTable.arrayLength());
            }
            T7Object g = T7Object.withFields("graph.Graph");
            g.fields().put("nodes", nodeTable).put("edges", edgeTable);
            return g;
        }
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
