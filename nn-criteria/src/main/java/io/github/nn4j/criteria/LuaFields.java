package io.github.nn4j.criteria;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;

/**
 * What the criteria's {@code .t7} codecs share (package-private): the codec factory, Lua's
 * {@code ignoreIndex} shift, 1-D weight fields, child criteria in a Lua array, and delegation of
 * a shared target to children that take Lua indices. A criterion declares its codec beside its
 * code, as {@code static final T7Codec<X> T7 = LuaFields.codec("nn.X", X.class, reader, writer)},
 * and {@link CriteriaT7Codecs} lists it in one line.
 */
final class LuaFields {

    private LuaFields() {
    }

    /**
     * A codec from its two halves.
     *
     * @param torchClass the Torch class name
     * @param javaClass the Java class
     * @param reader builds the criterion from the file's fields
     * @param writer writes the criterion's own fields
     * @param <J> the Java class
     * @return the codec
     */
    static <J extends Criterion<?, ?>> T7Codec<J> codec(String torchClass, Class<J> javaClass,
            T7Codec.Reader<J> reader, T7Codec.Writer<J> writer) {
        return T7Codec.of(torchClass, javaClass, reader, writer);
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
     * Lua's ignoreIndex as nn4j's: every value shifts by one, {@code k → k − 1}, exactly as the
     * targets do ({@link ClassCriterion#fromLua}), so a target equal to the stored ignoreIndex in Lua
     * is equal to it in Java too, whatever the value (Lua's class {@code k} is Java's {@code k − 1};
     * Lua's 0 and negative sentinels, Torch's default −100 included, become −1, −101, ..., which name
     * no class either).
     *
     * @param lua the value in the file
     * @param in for errors
     * @return the 0-based ignoreIndex
     * @throws T7ModuleException if it is not an integer
     */
    static int ignoreIndexFromLua(double lua, T7Bridge.Reading in) throws T7ModuleException {
        if (lua != Math.rint(lua) || Math.abs(lua) > Integer.MAX_VALUE - 1.0) {
            throw in.error("nn.ClassNLLCriterion: ignoreIndex " + lua + " is not an integer");
        }
        return (int) lua - 1;
    }

    /**
     * nn4j's ignoreIndex as Lua's: {@code j → j + 1} for every {@code j} (the inverse of
     * {@link #ignoreIndexFromLua}).
     *
     * @param java the 0-based value
     * @return the Lua value
     */
    static double ignoreIndexToLua(int java) {
        return (double) java + 1;
    }

    /**
     * An optional 1-D {@code weights} (or other) tensor field.
     *
     * @param o the object
     * @param key the field
     * @param in for errors
     * @return the tensor, or null when absent
     * @throws T7ModuleException if it is not a 1-D tensor
     */
    static Tensor vector(T7Object o, String key, T7Bridge.Reading in) throws T7ModuleException {
        Tensor w = in.optTensor(o, key);
        if (w != null && w.dim() != 1) {
            throw in.error(o.className() + ": " + key + " must be 1-D, got " + w.shapeString());
        }
        return w;
    }

    /** Writes a tensor field when the tensor is not null. */
    static void putTensor(T7Table f, String key, Tensor t, T7Bridge.Writing out) {
        if (t != null) {
            f.put(key, out.tensor(t));
        }
    }

    /**
     * The children of a container criterion: the Lua array {@code criterions}.
     *
     * @param o the object
     * @param in for conversion and errors
     * @return the criteria, in order
     * @throws T7ModuleException if the field is absent or holds something else
     */
    static List<Criterion<?, ?>> children(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Object v = o.get("criterions");
        if (!(v instanceof T7Table t) || !(t.isEmpty() || t.isList())) {
            throw in.error(o.className() + ": field criterions should be a Lua array of criteria");
        }
        List<Criterion<?, ?>> out = new ArrayList<>();
        List<Object> list = t.isEmpty() ? List.of() : t.list();
        for (int i = 0; i < list.size(); i++) {
            Object c = in.convert(list.get(i), "criterions[" + (i + 1) + "]");
            if (!(c instanceof Criterion<?, ?> crit)) {
                throw in.error(o.className() + ": criterions[" + (i + 1) + "] is not a criterion");
            }
            out.add(crit);
        }
        return out;
    }

    /**
     * Numbers held by a Lua array or a {@code torch.DoubleStorage}.
     *
     * @param o the object
     * @param key the field
     * @param n how many values are expected
     * @param in for errors
     * @return the values
     * @throws T7ModuleException if absent, of the wrong kind or of the wrong length
     */
    static double[] numbers(T7Object o, String key, int n, T7Bridge.Reading in) throws T7ModuleException {
        Object v = o.get(key);
        double[] d;
        if (v instanceof T7Storage s) {
            d = s.toDoubleArray();
        } else if (v instanceof T7Table t && (t.isEmpty() || t.isList())) {
            List<Object> list = t.isEmpty() ? List.of() : t.list();
            d = new double[list.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(list.get(i) instanceof Double x)) {
                    throw in.error(o.className() + ": " + key + "[" + (i + 1) + "] is not a number");
                }
                d[i] = x;
            }
        } else {
            throw in.error(o.className() + ": field " + key + " should be a Lua array of numbers");
        }
        if (d.length != n) {
            throw in.error(o.className() + ": " + d.length + " " + key + " for " + n + " criteria");
        }
        return d;
    }

    /** The child criteria as a Lua array of Torch objects. */
    static T7Table childList(List<? extends Criterion<?, ?>> children, T7Bridge.Writing out) throws T7ModuleException {
        T7Table t = new T7Table();
        for (Criterion<?, ?> c : children) {
            t.append(out.convert(c));
        }
        return t;
    }

    /**
     * A target shared by several children, in Java form: shifted once if the children take Lua
     * indices ({@link LuaIndexed}), as is if none does.
     *
     * @param owner for the message
     * @param children the criteria that all see this target
     * @param lua the target as Lua gives it
     * @return the Java target
     * @throws IllegalArgumentException if some children take indices and others do not (no single
     *     Java target fits both)
     */
    static Data sharedTargetFromLua(Criterion<?, ?> owner, List<? extends Criterion<?, ?>> children, Data lua) {
        LuaIndexed indexed = null;
        Criterion<?, ?> plain = null;
        for (Criterion<?, ?> c : children) {
            if (c instanceof LuaIndexed l) {
                indexed = indexed == null ? l : indexed;
            } else {
                plain = plain == null ? c : plain;
            }
        }
        if (indexed == null) {
            return lua;
        }
        if (plain != null) {
            throw new IllegalArgumentException(owner + ": one Lua target shared by " + indexed + ", which takes "
                    + "1-based labels, and by " + plain + ", which does not, has no single 0-based Java form");
        }
        return indexed.fromLua(lua);
    }
}
