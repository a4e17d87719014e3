package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

/**
 * What every module's {@code .t7} codec needs (package-private): Lua truthiness, Lua's 1-based
 * dimensions shifted to Java's 0-based ones and back, parameters under Torch's field names, and
 * {@code torch.LongStorage} sizes. A module declares its codec beside its code, as
 * {@code static final T7Codec<X> T7 = LuaFields.codec("nn.X", X.class, reader, writer)}, and
 * {@link LayersT7Codecs} lists it in one line.
 */
final class LuaFields {

    private LuaFields() {
    }

    /**
     * A Lua dimension or index field as nn4j's: {@code d ≥ 1} becomes {@code d − 1}; a negative
     * value counts from the end in both languages and is kept.
     *
     * @param o the object
     * @param key the field
     * @param defaultValue Lua's default, or {@code null} when the field is required
     * @param in for errors
     * @return the 0-based (or negative) value
     * @throws T7ModuleException if the field is absent without default, not an integer, or 0
     */
    static int dimensionFromLua(T7Object o, String key, Integer defaultValue, T7Bridge.Reading in)
            throws T7ModuleException {
        if (o.get(key) == null && defaultValue == null) {
            throw in.error(o.className() + ": missing field " + key);
        }
        int d = defaultValue == null ? o.getInt(key) : o.getInt(key, defaultValue);
        if (d == 0) {
            throw in.error(o.className() + ": " + key + " 0 is not a Lua (1-based) position");
        }
        return d > 0 ? d - 1 : d;
    }

    /**
     * nn4j's 0-based (or negative, counted from the end) dimension or index as Lua's.
     *
     * @param d the Java value
     * @return {@code d + 1} for {@code d ≥ 0}, else {@code d}
     */
    static int dimensionToLua(int d) {
        return d >= 0 ? d + 1 : d;
    }

    /**
     * Lua truthiness of a field: everything but {@code nil} and {@code false} is true.
     *
     * @param v the field value
     * @return whether Lua treats it as true
     */
    static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }

    /**
     * Copies the file's parameter tensors into the module's own (same names as Torch's fields:
     * {@code weight}, {@code bias}; gradients {@code gradWeight}, {@code gradBias} when present).
     */
    static <M extends Module<?, ?>> M readParameters(M m, T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        for (Parameter p : m.parameters()) {
            // straight from the file's storage into the module's tensor: one copy
            Object v = o.get(p.name());
            if (v instanceof T7Tensor t && !sameSize(t, p.value())) {
                throw in.error(o.className() + ": " + p.name() + " has size " + java.util.Arrays.toString(t.sizes())
                        + ", expected " + p.value().shapeString());
            }
            in.copyTensor(o, p.name(), p.value());
            String g = gradName(p.name());
            if (o.get(g) instanceof T7Tensor gt && sameSize(gt, p.grad())) {
                in.copyTensor(o, g, p.grad());
            }
        }
        return m;
    }

    /**
     * The two sizes of a 2-D tensor field, read from the file's tensor without converting it.
     *
     * @param o the object
     * @param key the field
     * @param notTwoD the message start when the field is not 2-D ({@code ", got [sizes]"} follows)
     * @param in the reading context
     * @return {@code {size(0), size(1)}}
     * @throws T7ModuleException if the field is missing, not a tensor, not 2-D or too large
     */
    static int[] sizes2(T7Object o, String key, String notTwoD, T7Bridge.Reading in) throws T7ModuleException {
        Object v = o.get(key);
        if (!(v instanceof T7Tensor t)) {
            in.tensor(o, key); // the bridge's message for a missing or non-tensor field
            throw in.error(o.className() + ": field " + key + " is not a tensor");
        }
        if (t.dim() != 2) {
            throw in.error(notTwoD + ", got " + java.util.Arrays.toString(t.sizes()));
        }
        if (t.size(0) > Integer.MAX_VALUE || t.size(1) > Integer.MAX_VALUE) {
            throw in.error(notTwoD + ", got " + java.util.Arrays.toString(t.sizes()) + " (too large)");
        }
        return new int[] {(int) t.size(0), (int) t.size(1)};
    }

    /** Whether a file tensor has exactly a Java tensor's sizes. */
    static boolean sameSize(T7Tensor t, Tensor like) {
        if (t.dim() != like.dim()) {
            return false;
        }
        for (int d = 0; d < t.dim(); d++) {
            if (t.size(d) != like.size(d)) {
                return false;
            }
        }
        return true;
    }

    /** Writes the module's parameters and gradients under Torch's field names. */
    static void writeParameters(Module<?, ?> m, T7Table f, T7Bridge.Writing out) {
        for (Parameter p : m.parameters()) {
            f.put(p.name(), out.tensor(p.value()));
            f.put(gradName(p.name()), out.tensor(p.grad()));
        }
    }

    private static String gradName(String name) {
        return "grad" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * A {@code torch.LongStorage} holding the given values.
     *
     * @param values the values
     * @return the storage
     */
    static T7Storage longStorage(int... values) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = values[i];
        }
        return T7Storage.wrap(l);
    }

    /**
     * The values of a field holding sizes: a {@code torch.LongStorage}, a tensor, or a Lua array
     * of numbers.
     *
     * @param o the object
     * @param key the field
     * @param in for errors
     * @return the values, or {@code null} when the field is absent
     * @throws T7ModuleException if the field is something else or holds non-integers
     */
    static int[] sizes(T7Object o, String key, T7Bridge.Reading in) throws T7ModuleException {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        double[] d;
        if (v instanceof T7Storage s) {
            d = s.toDoubleArray();
        } else if (v instanceof T7Tensor t) {
            d = t.toDoubleArray();
        } else if (v instanceof T7Table t && t.isList()) {
            List<Object> list = t.list();
            d = new double[list.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(list.get(i) instanceof Double x)) {
                    throw in.error(o.className() + ": field " + key + " holds a non-number");
                }
                d[i] = x;
            }
        } else {
            throw in.error(o.className() + ": field " + key + " should be a torch.LongStorage, got "
                    + v.getClass().getSimpleName());
        }
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw in.error(o.className() + ": field " + key + " holds " + d[i] + ", not an integer");
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    /** An empty {@code torch.LongStorage}. */
    static T7Storage emptyLongStorage() {
        return T7Storage.allocate(T7ElementType.LONG, 0);
    }


    /**
     * A codec from its two halves.
     *
     * @param torchClass the Torch class name
     * @param javaClass the Java class
     * @param reader builds the module from the file's fields
     * @param writer writes the module's own fields
     * @param <J> the Java class
     * @return the codec
     */
    static <J> T7Codec<J> codec(String torchClass, Class<J> javaClass, T7Codec.Reader<J> reader,
            T7Codec.Writer<J> writer) {
        return T7Codec.of(torchClass, javaClass, reader, writer);
    }

    /**
     * A codec from its two halves, for a class whose Torch {@code __version} is not 1.
     *
     * @param torchClass the Torch class name
     * @param javaClass the Java class
     * @param version the class version Torch writes
     * @param reader builds the module from the file's fields
     * @param writer writes the module's own fields
     * @param <J> the Java class
     * @return the codec
     */
    static <J> T7Codec<J> codec(String torchClass, Class<J> javaClass, int version, T7Codec.Reader<J> reader,
            T7Codec.Writer<J> writer) {
        return T7Codec.of(torchClass, javaClass, version, reader, writer);
    }

    /**
     * A codec for a module with no fields of its own, built by its no-argument constructor.
     *
     * @param torchClass the Torch class name
     * @param javaClass the Java class
     * @param make the constructor
     * @param <J> the Java class
     * @return the codec
     */
    static <J> T7Codec<J> stateless(String torchClass, Class<J> javaClass, java.util.function.Supplier<J> make) {
        return codec(torchClass, javaClass, (o, in) -> make.get(), (m, f, out) -> { });
    }

    /**
     * Writes a container's {@code modules} (a Lua array) and, before its first forward, the empty
     * {@code output}/{@code gradInput} Torch's constructors give it (its read expects them).
     *
     * @param m the container
     * @param f the field table
     * @param out the writing context
     * @throws T7ModuleException if a child has no codec
     */
    static void writeChildren(Module<?, ?> m, T7Table f, T7Bridge.Writing out) throws T7ModuleException {
        T7Table modules = new T7Table();
        for (Module<?, ?> child : m.children()) {
            modules.append(out.convert(child));
        }
        f.put("modules", modules);
        boolean tableOut = m instanceof ConcatTable<?> || m instanceof ParallelTable;
        if (!f.has("output")) {
            f.put("output", tableOut ? new T7Table() : out.tensor(Tensor.empty()));
        }
        if (!f.has("gradInput")) {
            f.put("gradInput", m instanceof ParallelTable ? new T7Table() : out.tensor(Tensor.empty()));
        }
    }
}
