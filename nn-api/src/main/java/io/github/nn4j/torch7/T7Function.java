package io.github.nn4j.torch7;

/**
 * A Lua function found in a {@code .t7} file (type tags 6, 7 and 8): a marker that keeps the dumped
 * bytecode and the upvalues as they were read, so the file still loads. The bytecode is VM-specific
 * (LuaJIT or PUC Lua) and is never executed. Writing a {@code T7Function} back writes the same tag,
 * bytecode and upvalues.
 *
 * <table class="striped">
 *   <caption>Function records</caption>
 *   <tr><th>tag</th><th>payload</th><th>{@link #upvalues()}</th></tr>
 *   <tr><td>6 (legacy)</td><td>int size, bytecode, upvalues object</td><td>a table of values</td></tr>
 *   <tr><td>7 (legacy recursive)</td><td>int id, int size, bytecode, upvalues object</td>
 *       <td>a table of values</td></tr>
 *   <tr><td>8 (current)</td><td>int id, int size, bytecode, upvalues object</td>
 *       <td>a table {@code { {name=, value=}, … }}</td></tr>
 * </table>
 */
public final class T7Function {

    private final int tag;
    private final byte[] bytecode;
    private Object upvalues;

    /**
     * A function record.
     *
     * @param tag the type tag, 6, 7 or 8
     * @param bytecode the dumped bytecode (copied)
     * @param upvalues the upvalues object (usually a {@link T7Table}), or {@code null}
     */
    public T7Function(int tag, byte[] bytecode, Object upvalues) {
        if (tag < 6 || tag > 8) {
            throw new IllegalArgumentException("function tags are 6, 7 or 8, got " + tag);
        }
        this.tag = tag;
        this.bytecode = bytecode.clone();
        this.upvalues = upvalues;
    }

    void setUpvalues(Object upvalues) {
        this.upvalues = upvalues;
    }

    /**
     * The type tag the function was written with.
     *
     * @return 6, 7 or 8
     */
    public int tag() {
        return tag;
    }

    /**
     * The size of the dumped bytecode.
     *
     * @return the number of bytes
     */
    public int bytecodeSize() {
        return bytecode.length;
    }

    /**
     * The dumped bytecode (a copy).
     *
     * @return the bytes
     */
    public byte[] bytecode() {
        return bytecode.clone();
    }

    byte[] rawBytecode() {
        return bytecode;
    }

    /**
     * The upvalues object as read.
     *
     * @return usually a {@link T7Table}; {@code null} if nil
     */
    public Object upvalues() {
        return upvalues;
    }

    @Override
    public String toString() {
        return "function (tag " + tag + ", " + bytecode.length + " bytes of bytecode)";
    }
}
