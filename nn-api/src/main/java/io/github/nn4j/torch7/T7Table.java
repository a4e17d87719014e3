package io.github.nn4j.torch7;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Lua table (type tag 3). Keys may be numbers, strings, booleans, tables, torch objects, tensors,
 * storages or functions; values may be any loadable value except nil (assigning nil removes the
 * key, as in Lua).
 *
 * <p>Keys behave as in Lua: numbers are normalised to {@link Double} ({@code put(1, x)} and
 * {@code put(1.0, x)} are the same key, and {@code -0.0} is {@code 0.0}); strings compare by
 * content; tables and objects compare by identity ({@code T7Table} does not override
 * {@code equals}). NaN and nil keys are rejected.
 *
 * <p>The iteration order is the insertion order, which for a loaded table is the order of the file;
 * that order comes from Lua's hash and is <b>not deterministic</b> across Torch runs, so never
 * depend on it. The array part (keys 1..n) is available 0-based through {@link #list()} and
 * {@link #getAt(int)}: Java index {@code i} is Lua key {@code i + 1}.
 */
public final class T7Table implements T7Fields {

    private final LinkedHashMap<Object, Object> map = new LinkedHashMap<>();

    /** An empty table. */
    public T7Table() {
        // empty
    }

    /**
     * A table from alternating keys and values, e.g. {@code T7Table.of("hello", 123.0)}.
     *
     * @param keysAndValues key, value, key, value, …
     * @return a new table
     * @throws IllegalArgumentException for an odd count or an invalid key or value
     */
    public static T7Table of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate, got " + keysAndValues.length + " items");
        }
        T7Table t = new T7Table();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            t.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return t;
    }

    /**
     * An array table {@code {v1, v2, …}} (keys 1..n).
     *
     * @param values the values, none {@code null}
     * @return a new table
     */
    public static T7Table listOf(Object... values) {
        T7Table t = new T7Table();
        for (Object v : values) {
            t.append(v);
        }
        return t;
    }

    /**
     * The value of a key.
     *
     * @param key the key (numbers are normalised to double)
     * @return the value, or {@code null} if absent
     */
    public Object get(Object key) {
        return map.get(normaliseKey(key, false));
    }

    @Override
    public Object get(String key) {
        return map.get(key);
    }

    /**
     * Sets a key; a {@code null} value removes it.
     *
     * @param key the key: not nil, not NaN
     * @param value the value: a number, string, {@link T7Bytes}, boolean, table, torch object,
     *        tensor, storage, function, or {@code null}
     * @return this
     * @throws IllegalArgumentException for an invalid key or value
     */
    public T7Table put(Object key, Object value) {
        Object k = normaliseKey(key, true);
        if (value == null) {
            map.remove(k);
        } else {
            map.put(k, checkValue(value));
        }
        return this;
    }

    /**
     * Removes a key.
     *
     * @param key the key
     * @return the previous value, or {@code null}
     */
    public Object remove(Object key) {
        return map.remove(normaliseKey(key, false));
    }

    /**
     * Whether a key is present.
     *
     * @param key the key
     * @return true if present
     */
    public boolean containsKey(Object key) {
        return map.containsKey(normaliseKey(key, false));
    }

    @Override
    public boolean has(String key) {
        return map.containsKey(key);
    }

    /**
     * The number of key/value pairs.
     *
     * @return the count
     */
    public int size() {
        return map.size();
    }

    /**
     * Whether the table has no pairs.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return map.isEmpty();
    }

    /**
     * A read-only view of the pairs, in file (or insertion) order.
     *
     * @return the map view
     */
    public Map<Object, Object> asMap() {
        return Collections.unmodifiableMap(map);
    }

    /**
     * A read-only view of the keys.
     *
     * @return the keys
     */
    public Set<Object> keys() {
        return Collections.unmodifiableSet(map.keySet());
    }

    /**
     * The string keys, in file (or insertion) order (a copy).
     *
     * @return the keys that are strings
     */
    public Set<String> stringKeys() {
        Set<String> out = new LinkedHashSet<>();
        for (Object k : map.keySet()) {
            if (k instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The length of the array part: the largest {@code n} such that keys 1..n are all present.
     *
     * @return n, 0 if key 1 is absent
     */
    public int arrayLength() {
        int n = 0;
        while (map.containsKey((double) (n + 1))) {
            n++;
        }
        return n;
    }

    /**
     * Whether the keys are exactly 1..n (a Lua list).
     *
     * @return true for a list (also for the empty table)
     */
    public boolean isList() {
        return arrayLength() == map.size();
    }

    /**
     * The array part as a list (a copy): element {@code i} is Lua key {@code i + 1}.
     *
     * @return the values of keys 1..{@link #arrayLength()}
     */
    public List<Object> list() {
        int n = arrayLength();
        List<Object> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(map.get((double) i));
        }
        return out;
    }

    /**
     * An array element, 0-based: {@code getAt(0)} is Lua's {@code t[1]}.
     *
     * @param index the 0-based index
     * @return the value of key {@code index + 1}, or {@code null}
     */
    public Object getAt(int index) {
        return map.get((double) index + 1);
    }

    /**
     * Appends after the array part ({@code t[#t + 1] = value}).
     *
     * @param value the value, not {@code null}
     * @return this
     */
    public T7Table append(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("cannot append nil to a table");
        }
        return put((double) arrayLength() + 1, value);
    }

    @Override
    public T7Table fields() {
        return this;
    }

    @Override
    public String describe() {
        return "table";
    }

    @Override
    public String toString() {
        return "table (" + map.size() + " entries)";
    }

    /** Adds a pair read from a file (key and value already checked by the reader). */
    void rawPut(Object key, Object value) {
        map.put(key, value);
    }

    static Object normaliseKey(Object key, boolean strict) {
        if (key instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                if (strict) {
                    throw new IllegalArgumentException("table index is NaN");
                }
                return null;
            }
            return d == 0.0 ? 0.0 : d;
        }
        if (key == null) {
            if (strict) {
                throw new IllegalArgumentException("table index is nil");
            }
            return null;
        }
        return checkValue(key);
    }

    static Object checkValue(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String || v instanceof Boolean || v instanceof T7Bytes || v instanceof T7Table
                || v instanceof T7Object || v instanceof T7Tensor || v instanceof T7Storage
                || v instanceof T7Function) {
            return v;
        }
        throw new IllegalArgumentException("a " + v.getClass().getName()
                + " cannot be stored in a Torch table (convert nn4j Tensors with T7Tensor.fromTensor)");
    }

    /** The Lua-side type name of a loaded value, for messages. */
    static String typeName(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof Double) {
            return "number " + v;
        }
        if (v instanceof String || v instanceof T7Bytes) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof T7Table) {
            return "table";
        }
        if (v instanceof T7Tensor t) {
            return t.className();
        }
        if (v instanceof T7Storage s) {
            return s.className();
        }
        if (v instanceof T7Object o) {
            return o.className();
        }
        if (v instanceof T7Function) {
            return "function";
        }
        return v.getClass().getName();
    }
}
