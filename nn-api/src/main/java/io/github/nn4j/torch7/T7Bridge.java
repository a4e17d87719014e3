package io.github.nn4j.torch7;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * The bridge between Torch objects read from {@code .t7} files and nn4j modules and criteria:
 * {@code nn.Linear} becomes a {@code Linear}, {@code nn.Sequential} a {@code Sequential}, and
 * back, through the {@link T7Codec}s that module packages register (see {@link T7CodecProvider}).
 *
 * <pre>{@code
 * Module<?, ?> net = T7Bridge.loadModule(Path.of("model.t7"));   // binary or ascii
 * T7Bridge.save(Path.of("copy.t7"), net, false);                   // loadable by Lua Torch
 * }</pre>
 *
 * <h2>Conversions</h2>
 * <ul>
 *   <li>a registered Torch class → its Java module or criterion; any other {@code nn.*} class is
 *       a {@link T7ModuleException} naming the class and where it sits, e.g.
 *       {@code modules[3]: nn.SpatialConvolution is not supported} (paths use the file's own
 *       1-based Lua keys);</li>
 *   <li>a tensor of any element type → a new contiguous double {@link Tensor}; the same tensor
 *       object in the file gives the same {@code Tensor} object;</li>
 *   <li>a Lua array of tensors (or of such arrays) → a {@link Table}; any other Lua table → a
 *       {@code Map<Object, Object>} with the same keys (numbers as {@code Double}) and converted
 *       values; numbers, strings, booleans and non-nn objects are returned as read.</li>
 * </ul>
 * A module whose file says {@code train = false} is put in evaluation mode. Storage shared
 * between <em>different</em> tensor views (as after Torch's {@code getParameters()}) is copied
 * apart: each module gets its own parameters.
 */
public final class T7Bridge {

    private static final Map<String, T7Codec<?>> BY_TORCH = new ConcurrentHashMap<>();
    private static final Map<Class<?>, T7Codec<?>> BY_JAVA = new ConcurrentHashMap<>();
    private static volatile boolean loaded;

    private T7Bridge() {
    }

    // ------------------------------------------------------------------ registry

    /**
     * Registers a codec (for a user's own module class); replaces any codec of the same Torch
     * class. Codecs of nn4j's modules are found through {@link ServiceLoader} without this.
     *
     * @param codec the codec
     */
    public static void register(T7Codec<?> codec) {
        ensureLoaded();
        put(codec);
    }

    private static void put(T7Codec<?> codec) {
        BY_TORCH.put(codec.torchClass(), codec);
        BY_JAVA.put(codec.javaClass(), codec);
    }

    /**
     * The Torch classes that can be loaded and saved.
     *
     * @return the class names, sorted
     */
    public static Set<String> supportedClasses() {
        ensureLoaded();
        return Collections.unmodifiableSet(new TreeSet<>(BY_TORCH.keySet()));
    }

    private static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (T7Bridge.class) {
            if (!loaded) {
                for (T7CodecProvider p : ServiceLoader.load(T7CodecProvider.class, T7Bridge.class.getClassLoader())) {
                    for (T7Codec<?> c : p.codecs()) {
                        BY_TORCH.putIfAbsent(c.torchClass(), c);
                        BY_JAVA.putIfAbsent(c.javaClass(), c);
                    }
                }
                loaded = true;
            }
        }
    }

    // ------------------------------------------------------------------ facade

    /**
     * Loads a file and converts what it holds (a module, criterion, tensor, table, ...).
     *
     * @param file a binary or ascii {@code .t7} file
     * @return the converted object
     * @throws IOException on a read error, a malformed file ({@link T7FormatException}) or an
     *         unsupported class ({@link T7ModuleException})
     */
    public static Object load(Path file) throws IOException {
        return toJava(Torch7.load(file));
    }

    /**
     * Loads a file that must hold a module.
     *
     * @param file a binary or ascii {@code .t7} file
     * @return the module
     * @throws IOException as {@link #load(Path)}, or a {@link T7ModuleException} when the file
     *         holds something else
     */
    public static Module<?, ?> loadModule(Path file) throws IOException {
        Object o = load(file);
        if (o instanceof Module<?, ?> m) {
            return m;
        }
        throw new T7ModuleException("", "expected an nn module, found " + describe(o), null);
    }

    /**
     * Loads a file that must hold a module from a {@link Tensor} to a {@link Tensor}, typed so
     * that {@code Tensor y = net.forward(x)} needs no cast.
     *
     * <p>The check uses the types the module's class declares ({@code Linear} is a
     * {@code Module<Tensor, Tensor>}); a container declared with type variables
     * ({@code Sequential<I, O>}) takes its input type from its first child and its output type
     * from its last. A module whose declared input or output is a {@link Table} ({@code nn.ConcatTable},
     * {@code nn.SplitTable}, {@code nn.ParallelTable}, ...) is refused. A module declared over
     * {@link Data} (an nngraph {@code Graph}) is accepted: it takes a tensor, and what it returns
     * is checked where it is used.
     *
     * @param file a binary or ascii {@code .t7} file
     * @return the module
     * @throws IOException as {@link #loadModule(Path)}, or a {@link T7ModuleException} naming the
     *         file, the module and the offending type when the module is not tensor-to-tensor
     */
    public static Module<Tensor, Tensor> loadTensorModule(Path file) throws IOException {
        Module<?, ?> m = loadModule(file);
        Class<?> in = declaredType(m, 0);
        Class<?> out = declaredType(m, 1);
        if (!in.isAssignableFrom(Tensor.class) || !(Tensor.class.isAssignableFrom(out) || out == Data.class)) {
            throw new T7ModuleException("", file + ": expected a module from Tensor to Tensor, found "
                    + m.torchTypeName() + " from " + in.getSimpleName() + " to " + out.getSimpleName()
                    + "; use loadModule for other modules", null);
        }
        @SuppressWarnings("unchecked")
        Module<Tensor, Tensor> typed = (Module<Tensor, Tensor>) m;
        return typed;
    }

    /**
     * The input ({@code which = 0}) or output ({@code which = 1}) type a module's class declares
     * for {@code Module<I, O>}; type variables resolve through a container's first or last child.
     */
    static Class<?> declaredType(Module<?, ?> m, int which) {
        java.lang.reflect.Type t = moduleTypeArgument(m.getClass(), which);
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        if (m instanceof io.github.nn4j.Container<?, ?> c && c.size() > 0) {
            return declaredType(c.get(which == 0 ? 0 : c.size() - 1), which);
        }
        return Data.class;
    }

    private static java.lang.reflect.Type moduleTypeArgument(Class<?> cls, int which) {
        Map<java.lang.reflect.TypeVariable<?>, java.lang.reflect.Type> bound = new java.util.HashMap<>();
        for (Class<?> c = cls; c != null && c != Module.class; c = c.getSuperclass()) {
            java.lang.reflect.Type sup = c.getGenericSuperclass();
            if (sup instanceof java.lang.reflect.ParameterizedType p) {
                java.lang.reflect.TypeVariable<?>[] vars = ((Class<?>) p.getRawType()).getTypeParameters();
                java.lang.reflect.Type[] args = p.getActualTypeArguments();
                Map<java.lang.reflect.TypeVariable<?>, java.lang.reflect.Type> next = new java.util.HashMap<>();
                for (int i = 0; i < vars.length; i++) {
                    next.put(vars[i], bound.getOrDefault(args[i], args[i]));
                }
                bound = next;
            } else {
                bound = new java.util.HashMap<>();
            }
        }
        java.lang.reflect.Type t = bound.get(Module.class.getTypeParameters()[which]);
        return t == null ? Data.class : t;
    }

    /**
     * Loads a file that must hold a criterion.
     *
     * @param file a binary or ascii {@code .t7} file
     * @return the criterion
     * @throws IOException as {@link #load(Path)}, or a {@link T7ModuleException} when the file
     *         holds something else
     */
    public static Criterion<?, ?> loadCriterion(Path file) throws IOException {
        Object o = load(file);
        if (o instanceof Criterion<?, ?> c) {
            return c;
        }
        throw new T7ModuleException("", "expected an nn criterion, found " + describe(o), null);
    }

    /**
     * Saves a module, criterion, tensor or table as Torch would.
     *
     * @param file the file to write
     * @param value the object
     * @param ascii true for Torch's ascii encoding, false for binary
     * @throws IOException on a write error or an unsupported class
     */
    public static void save(Path file, Object value, boolean ascii) throws IOException {
        Torch7.save(file, toT7(value), ascii);
    }

    /**
     * Converts a plain object from {@link Torch7#load} to nn4j objects.
     *
     * @param plain the plain object
     * @return the converted object
     * @throws T7ModuleException if an nn class is unsupported or malformed
     */
    public static Object toJava(Object plain) throws T7ModuleException {
        ensureLoaded();
        // the modules' constructors draw nothing: torch.load leaves the generator where it was
        return TorchRandom.withoutGlobalDraws(() -> new Reading().convert(plain, null));
    }

    /**
     * Converts nn4j objects to the plain objects {@link Torch7#save} writes.
     *
     * @param value a module, criterion, tensor, table, number, string or boolean
     * @return the plain object
     * @throws T7ModuleException if a module's class has no codec
     */
    public static Object toT7(Object value) throws T7ModuleException {
        ensureLoaded();
        return new Writing().convert(value);
    }

    static String describe(Object o) {
        if (o == null) {
            return "nil";
        }
        if (o instanceof T7Object t) {
            return t.className();
        }
        if (o instanceof Module<?, ?> m) {
            return m.torchTypeName();
        }
        if (o instanceof Criterion<?, ?> c) {
            return c.torchTypeName();
        }
        return o.getClass().getSimpleName();
    }

    // ------------------------------------------------------------------ reading

    /** The state of one conversion from Torch objects: the path for messages, objects seen. */
    public static final class Reading {
        private final Map<Object, Object> done = new IdentityHashMap<>();
        private final Deque<String> path = new ArrayDeque<>();
        /** The nn objects being built: meeting one again is a module that contains itself. */
        private final Set<Object> building = Collections.newSetFromMap(new IdentityHashMap<>());

        Reading() {
        }

        /**
         * Where the conversion is, e.g. {@code modules[2].modules[1]}.
         *
         * @return the path, empty at the root
         */
        public String path() {
            StringBuilder sb = new StringBuilder();
            for (var it = path.descendingIterator(); it.hasNext();) {
                String s = it.next();
                if (sb.length() > 0 && !s.startsWith("[")) {
                    sb.append('.');
                }
                sb.append(s);
            }
            return sb.toString();
        }

        /**
         * An exception at the current path.
         *
         * @param message what is wrong
         * @return the exception, to throw
         */
        public T7ModuleException error(String message) {
            return new T7ModuleException(path(), message, null);
        }

        /**
         * Converts a nested value (a child module, a tensor, a table).
         *
         * @param plain the value as read
         * @param segment the path segment, e.g. {@code "modules[3]"}, or {@code null}
         * @return the converted value
         * @throws T7ModuleException if it is an unsupported or malformed nn object
         */
        public Object convert(Object plain, String segment) throws T7ModuleException {
            if (segment != null) {
                path.push(segment);
            }
            try {
                return convertHere(plain);
            } finally {
                if (segment != null) {
                    path.pop();
                }
            }
        }

        /**
         * Converts a nested value that must be a module.
         *
         * @param plain the value as read
         * @param segment the path segment, e.g. {@code "modules[3]"}
         * @return the module
         * @throws T7ModuleException if it is not a supported module
         */
        public Module<?, ?> module(Object plain, String segment) throws T7ModuleException {
            Object o = convert(plain, segment);
            if (o instanceof Module<?, ?> m) {
                return m;
            }
            path.push(segment);
            try {
                if (o instanceof T7Object unknown) {
                    // a class of no registered codec outside nn/cudnn/fbnn (a project's own): say what it holds
                    throw error(unknown.className() + " is not supported" + heldFields(unknown));
                }
                throw error("expected an nn module, found " + describe(o));
            } finally {
                path.pop();
            }
        }

        /**
         * The modules of a container's {@code modules} array, in order.
         *
         * @param object the container's Torch object
         * @return the children
         * @throws T7ModuleException if a child is unsupported or the field is malformed
         */
        public List<Module<?, ?>> children(T7Object object) throws T7ModuleException {
            Object mods = object.get("modules");
            List<Module<?, ?>> out = new ArrayList<>();
            if (mods == null) {
                return out;
            }
            if (!(mods instanceof T7Table t) || !t.isList()) {
                throw error(object.className() + ": field modules is not a Lua array");
            }
            List<Object> list = t.list();
            for (int i = 0; i < list.size(); i++) {
                out.add(module(list.get(i), "modules[" + (i + 1) + "]"));
            }
            return out;
        }

        /**
         * A required tensor field, converted (the same file tensor gives the same
         * {@code Tensor}).
         *
         * @param fields the fields
         * @param key the field name
         * @return the tensor
         * @throws T7ModuleException if absent or not a tensor
         */
        public Tensor tensor(T7Fields fields, String key) throws T7ModuleException {
            Tensor t = optTensor(fields, key);
            if (t == null) {
                throw error(fields.describe() + ": missing tensor field " + key);
            }
            return t;
        }

        /**
         * An optional tensor field, converted.
         *
         * @param fields the fields
         * @param key the field name
         * @return the tensor, or {@code null} when absent
         * @throws T7ModuleException if present but not a tensor
         */
        public Tensor optTensor(T7Fields fields, String key) throws T7ModuleException {
            Object v = fields.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof T7Tensor)) {
                throw error(fields.describe() + ": field " + key + " is " + describe(v) + ", expected a tensor");
            }
            return (Tensor) convert(v, null);
        }

        /**
         * Copies a tensor field straight from the file's storage into a module's own tensor of
         * the same element count (one copy, no intermediate {@code Tensor}): how a codec loads
         * parameters.
         *
         * @param fields the fields
         * @param key the field name
         * @param into the destination, of the field's element count (its shape is the caller's
         *     to check)
         * @throws T7ModuleException if the field is missing, not a tensor, or of another element count
         */
        public void copyTensor(T7Fields fields, String key, Tensor into) throws T7ModuleException {
            Object v = fields.get(key);
            if (v == null) {
                throw error(fields.describe() + ": missing tensor field " + key);
            }
            if (!(v instanceof T7Tensor t)) {
                throw error(fields.describe() + ": field " + key + " is " + describe(v) + ", expected a tensor");
            }
            if (t.numel() != into.numel()) {
                throw error(fields.describe() + ": " + key + " has size " + java.util.Arrays.toString(t.sizes())
                        + ", expected " + into.shapeString());
            }
            t.copyTo(into.data());
        }

        private Object convertHere(Object plain) throws T7ModuleException {
            if (plain == null || plain instanceof Double || plain instanceof Boolean || plain instanceof String) {
                return plain;
            }
            Object seen = done.get(plain);
            if (seen != null) {
                return seen;
            }
            if (plain instanceof T7Tensor t) {
                Tensor c;
                try {
                    c = t.toTensor();
                } catch (RuntimeException e) {
                    throw new T7ModuleException(path(), "cannot convert " + t.className() + ": " + e.getMessage(), e);
                }
                done.put(plain, c);
                return c;
            }
            if (plain instanceof T7Table t) {
                return convertTable(t);
            }
            if (plain instanceof T7Object o) {
                @SuppressWarnings("unchecked")
                T7Codec<Object> codec = (T7Codec<Object>) BY_TORCH.get(o.className());
                if (codec == null) {
                    if (o.className().startsWith("nn.") || o.className().startsWith("cudnn.")
                            || o.className().startsWith("fbnn.")) {
                        throw error(o.className() + " is not supported" + heldFields(o));
                    }
                    return o;
                }
                if (!building.add(o)) {
                    throw error(o.className() + " contains itself (a cycle in the module graph)");
                }
                Object value;
                try {
                    value = codec.read(o, this);
                    applyCommonFields(o, value);
                } catch (RuntimeException e) {
                    // a codec or a module constructor refusing malformed fields: the one documented exception
                    throw new T7ModuleException(path(), o.className() + ": " + (e instanceof IllegalArgumentException || e instanceof IllegalStateException ? e.getMessage() : e.toString()), e);
                } finally {
                    building.remove(o);
                }
                done.put(plain, value);
                return value;
            }
            return plain;
        }

        /**
         * {@code " (fields: a, b, ...; register a codec with T7Bridge.register)"} for an object that
         * holds fields, so that a porter knows what a codec of its own must read; empty otherwise.
         */
        private static String heldFields(T7Object o) {
            if (!(o.payload() instanceof T7Table fields)) {
                return ""; // a mangled or foreign object whose payload is not a field table: nothing to list
            }
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            for (Object k : fields.asMap().keySet()) {
                names.add(String.valueOf(k));
            }
            return names.isEmpty() ? ""
                    : " (fields: " + String.join(", ", names) + "; register a codec with T7Bridge.register)";
        }

        private Object convertTable(T7Table t) throws T7ModuleException {
            if (!t.isEmpty() && t.isList()
                    && allTensorsOrTables(t, Collections.newSetFromMap(new IdentityHashMap<>()))) {
                List<Object> list = t.list();
                Table out = new Table();
                done.put(t, out);
                for (int i = 0; i < list.size(); i++) {
                    Object c = convert(list.get(i), "[" + (i + 1) + "]");
                    if (!(c instanceof Data d)) {
                        throw error("[" + (i + 1) + "] is not a tensor or a table of tensors");
                    }
                    out.add(d);
                }
                return out;
            }
            // any other table: a map with the same keys, values converted (modules become modules)
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            done.put(t, out);
            for (Map.Entry<Object, Object> e : t.asMap().entrySet()) {
                Object key = e.getKey();
                String segment = key instanceof Double d && d == Math.rint(d)
                        ? "[" + d.longValue() + "]" : key instanceof String s ? s : "[" + describe(key) + "]";
                out.put(key, convert(e.getValue(), segment));
            }
            return out;
        }

        /** True for a list of tensors or of such lists; a list that contains itself is not one. */
        private static boolean allTensorsOrTables(T7Table table, Set<T7Table> open) {
            if (!open.add(table)) {
                return false;
            }
            for (Object e : table.list()) {
                if (!(e instanceof T7Tensor) && !(e instanceof T7Table inner
                        && !inner.isEmpty() && inner.isList() && allTensorsOrTables(inner, open))) {
                    return false;
                }
            }
            open.remove(table);
            return true;
        }

        private void applyCommonFields(T7Object o, Object value) {
            if (value instanceof Module<?, ?> m) {
                Object train = o.get("train");
                if (Boolean.FALSE.equals(train)) {
                    m.evaluate();
                }
            } else if (value instanceof Criterion<?, ?> c) {
                Object sizeAverage = o.get("sizeAverage");
                if (sizeAverage instanceof Boolean b) {
                    c.setSizeAverage(b);
                }
            }
        }
    }

    /**
     * A module's input as read from a Lua file, in the module's Java form: Lua's 1-based indices
     * shifted to 0-based where the module takes indices ({@link LuaIndexed}); any other input is
     * returned as it is.
     *
     * @param module the module
     * @param luaInput the input as Lua stores it
     * @return the input to pass to the Java module
     */
    public static Data inputFromLua(Module<?, ?> module, Data luaInput) {
        return module instanceof LuaIndexed l ? l.fromLua(luaInput) : luaInput;
    }

    /**
     * A module's gradInput in the form Lua Torch gives it ({@link LuaIndexed#gradInputToLua}), for
     * saving beside Torch's results; any other gradInput is returned as it is.
     *
     * @param module the module
     * @param gradInput its gradInput
     * @return the Lua form (a copy where it differs)
     */
    public static Data gradInputToLua(Module<?, ?> module, Data gradInput) {
        return module instanceof LuaIndexed l && gradInput != null ? l.gradInputToLua(gradInput) : gradInput;
    }

    /**
     * A criterion's target as read from a Lua file, in the criterion's Java form: class labels and
     * indices shifted to 0-based where the criterion takes them ({@link LuaIndexed}); any other
     * target is returned as it is.
     *
     * @param criterion the criterion
     * @param luaTarget the target as Lua stores it
     * @return the target to pass to the Java criterion
     */
    public static Data targetFromLua(Criterion<?, ?> criterion, Data luaTarget) {
        return criterion instanceof LuaIndexed l ? l.fromLua(luaTarget) : luaTarget;
    }

    // ------------------------------------------------------------------ writing

    /** The state of one conversion to Torch objects: objects already converted, for sharing. */
    public static final class Writing {
        private final Map<Object, Object> done = new IdentityHashMap<>();

        Writing() {
        }

        /**
         * Converts a value: modules and criteria through their codecs, tensors to
         * {@code torch.DoubleTensor}, tables to Lua arrays.
         *
         * @param value the value
         * @return the plain object
         * @throws T7ModuleException if a module's class has no codec
         */
        public Object convert(Object value) throws T7ModuleException {
            if (value == null || value instanceof Double || value instanceof Boolean || value instanceof String) {
                return value;
            }
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            Object seen = done.get(value);
            if (seen != null) {
                return seen;
            }
            if (value instanceof Tensor t) {
                return tensor(t);
            }
            if (value instanceof Table t) {
                T7Table out = new T7Table();
                done.put(value, out);
                for (Data d : t) {
                    out.append(convert(d));
                }
                return out;
            }
            if (value instanceof Module<?, ?> || value instanceof Criterion<?, ?>) {
                return object(value);
            }
            if (value instanceof Map<?, ?> map) {
                T7Table out = new T7Table();
                done.put(value, out);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object key = e.getKey() instanceof Number n ? (Object) n.doubleValue() : e.getKey();
                    out.put(key, convert(e.getValue()));
                }
                return out;
            }
            return value;
        }

        /**
         * A tensor as a {@code torch.DoubleTensor} (the same {@code Tensor} object gives the
         * same Torch tensor, so aliasing such as Sequential's output survives).
         *
         * @param t the tensor
         * @return the Torch tensor
         */
        public T7Tensor tensor(Tensor t) {
            Object seen = done.get(t);
            if (seen != null) {
                return (T7Tensor) seen;
            }
            T7Tensor c = T7Tensor.fromTensor(t);
            done.put(t, c);
            return c;
        }

        private T7Object object(Object value) throws T7ModuleException {
            @SuppressWarnings("unchecked")
            T7Codec<Object> codec = (T7Codec<Object>) BY_JAVA.get(value.getClass());
            if (codec == null) {
                throw new T7ModuleException("", describe(value) + " (" + value.getClass().getName()
                        + ") has no .t7 codec", null);
            }
            T7Object o = new T7Object(codec.torchClass(), codec.version(), new T7Table());
            done.put(value, o);
            T7Table f = o.fields();
            if (value instanceof Module<?, ?> m) {
                f.put("output", convert(m.output()));
                f.put("gradInput", convert(m.gradInput()));
                f.put("_type", "torch.DoubleTensor");
                f.put("train", m.isTraining());
            } else {
                Criterion<?, ?> c = (Criterion<?, ?>) value;
                f.put("output", c.output());
                f.put("gradInput", convert(c.gradInput()));
                f.put("sizeAverage", c.sizeAverage());
            }
            codec.write(value, f, this);
            return o;
        }
    }
}
