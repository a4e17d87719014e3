package io.github.nn4j.torch7;

/**
 * Typed access by string key to a Lua table: a plain {@link T7Table}, or the field table of a
 * {@link T7Object} such as an nn module ({@code weight}, {@code bias}, {@code threshold},
 * {@code train}, {@code _type}, …).
 *
 * <p>{@code getX(key)} requires the field and throws {@link IllegalStateException} naming the key
 * and what was found when it is absent or of another type; {@code optX(key)} returns {@code null}
 * when the field is absent (Lua nil); {@code getX(key, default)} returns the default when it is
 * absent. A field present with the wrong type always throws.
 */
public interface T7Fields {

    /**
     * The table the fields live in.
     *
     * @return the table
     */
    T7Table fields();

    /**
     * What the fields belong to, for error messages (e.g. {@code nn.Linear}).
     *
     * @return a short description
     */
    String describe();

    /**
     * The raw value of a field.
     *
     * @param key the field name
     * @return the value, or {@code null} if absent
     */
    default Object get(String key) {
        return fields().get(key);
    }

    /**
     * Whether a field is present (not nil).
     *
     * @param key the field name
     * @return true if present
     */
    default boolean has(String key) {
        return fields().containsKey(key);
    }

    /**
     * A required number field.
     *
     * @param key the field name
     * @return its value
     * @throws IllegalStateException if absent or not a number
     */
    default double getNumber(String key) {
        return require(key, Double.class, "a number");
    }

    /**
     * An optional number field.
     *
     * @param key the field name
     * @param defaultValue the value when absent
     * @return its value, or the default
     * @throws IllegalStateException if present but not a number
     */
    default double getNumber(String key, double defaultValue) {
        Double v = optional(key, Double.class, "a number");
        return v == null ? defaultValue : v;
    }

    /**
     * A required number field holding an integer (Lua has only doubles).
     *
     * @param key the field name
     * @return its value
     * @throws IllegalStateException if absent, not a number, or not an integer in {@code int} range
     */
    default int getInt(String key) {
        return toInt(key, getNumber(key));
    }

    /**
     * An optional number field holding an integer.
     *
     * @param key the field name
     * @param defaultValue the value when absent
     * @return its value, or the default
     * @throws IllegalStateException if present but not an integer in {@code int} range
     */
    default int getInt(String key, int defaultValue) {
        Double v = optional(key, Double.class, "a number");
        return v == null ? defaultValue : toInt(key, v);
    }

    /**
     * A required boolean field.
     *
     * @param key the field name
     * @return its value
     * @throws IllegalStateException if absent or not a boolean
     */
    default boolean getBoolean(String key) {
        return require(key, Boolean.class, "a boolean");
    }

    /**
     * An optional boolean field.
     *
     * @param key the field name
     * @param defaultValue the value when absent
     * @return its value, or the default
     * @throws IllegalStateException if present but not a boolean
     */
    default boolean getBoolean(String key, boolean defaultValue) {
        Boolean v = optional(key, Boolean.class, "a boolean");
        return v == null ? defaultValue : v;
    }

    /**
     * A required string field ({@link T7Bytes} values are decoded as ISO-8859-1).
     *
     * @param key the field name
     * @return its value
     * @throws IllegalStateException if absent or not a string
     */
    default String getString(String key) {
        String s = optString(key);
        if (s == null) {
            throw missing(key, "a string");
        }
        return s;
    }

    /**
     * An optional string field.
     *
     * @param key the field name
     * @return its value, or {@code null} if absent
     * @throws IllegalStateException if present but not a string
     */
    default String optString(String key) {
        Object v = get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof T7Bytes b) {
            return b.toString();
        }
        throw wrongType(key, "a string", v);
    }

    /**
     * A required tensor field.
     *
     * @param key the field name
     * @return the tensor
     * @throws IllegalStateException if absent or not a tensor
     */
    default T7Tensor getTensor(String key) {
        return require(key, T7Tensor.class, "a tensor");
    }

    /**
     * An optional tensor field (e.g. {@code bias}, absent after {@code noBias()}).
     *
     * @param key the field name
     * @return the tensor, or {@code null} if absent
     * @throws IllegalStateException if present but not a tensor
     */
    default T7Tensor optTensor(String key) {
        return optional(key, T7Tensor.class, "a tensor");
    }

    /**
     * A required storage field (e.g. {@code nn.View}'s {@code size}, a {@code torch.LongStorage}).
     *
     * @param key the field name
     * @return the storage
     * @throws IllegalStateException if absent or not a storage
     */
    default T7Storage getStorage(String key) {
        return require(key, T7Storage.class, "a storage");
    }

    /**
     * An optional storage field.
     *
     * @param key the field name
     * @return the storage, or {@code null} if absent
     * @throws IllegalStateException if present but not a storage
     */
    default T7Storage optStorage(String key) {
        return optional(key, T7Storage.class, "a storage");
    }

    /**
     * A required table field (e.g. a container's {@code modules}).
     *
     * @param key the field name
     * @return the table
     * @throws IllegalStateException if absent or not a table
     */
    default T7Table getTable(String key) {
        return require(key, T7Table.class, "a table");
    }

    /**
     * An optional table field.
     *
     * @param key the field name
     * @return the table, or {@code null} if absent
     * @throws IllegalStateException if present but not a table
     */
    default T7Table optTable(String key) {
        return optional(key, T7Table.class, "a table");
    }

    /**
     * A required torch-object field (e.g. a module held by another).
     *
     * @param key the field name
     * @return the object
     * @throws IllegalStateException if absent or not a {@link T7Object}
     */
    default T7Object getObject(String key) {
        return require(key, T7Object.class, "a torch object");
    }

    /**
     * An optional torch-object field.
     *
     * @param key the field name
     * @return the object, or {@code null} if absent
     * @throws IllegalStateException if present but not a {@link T7Object}
     */
    default T7Object optObject(String key) {
        return optional(key, T7Object.class, "a torch object");
    }

    private <V> V require(String key, Class<V> type, String what) {
        V v = optional(key, type, what);
        if (v == null) {
            throw missing(key, what);
        }
        return v;
    }

    private <V> V optional(String key, Class<V> type, String what) {
        Object v = get(key);
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw wrongType(key, what, v);
        }
        return type.cast(v);
    }

    private int toInt(String key, double v) {
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalStateException("field '" + key + "' of " + describe()
                    + " should be an integer, got " + v);
        }
        return (int) v;
    }

    private IllegalStateException missing(String key, String what) {
        return new IllegalStateException("field '" + key + "' of " + describe() + " should be " + what
                + ", but it is absent");
    }

    private IllegalStateException wrongType(String key, String what, Object v) {
        return new IllegalStateException("field '" + key + "' of " + describe() + " should be " + what
                + ", got " + T7Table.typeName(v));
    }
}
