package io.github.nn4j.torch7;

import java.util.Objects;

/**
 * An instance of a Torch class other than tensors and storages (type tag 4): an nn module or
 * criterion, an nngraph node, a {@code tds.Hash}/{@code tds.Vec}, or any class made with
 * {@code torch.class}. It has a class name, the class version from the {@code "V n"} header
 * (0 for files written before versioning, and for the {@code tds} classes) and a payload.
 *
 * <p>For Lua-table classes (all of {@code nn}) the payload is one {@link T7Table} holding the
 * instance's fields, read with {@link #fields()} and the typed getters of {@link T7Fields}:
 * {@code module.getTensor("weight")}, {@code module.optTensor("bias")},
 * {@code module.getNumber("threshold")}, {@code module.getBoolean("train", true)}.
 *
 * <p>{@code tds.Hash} and {@code tds.Vec} (file layout: a long count, then the keys and values, or
 * the values) load with a {@link T7Table} payload: the hash's pairs, or the vector's elements under
 * keys 1..n. {@code nn.GPU} writes two objects (a header {@code {_type, device}}, then the field
 * table): its header is kept in {@link #header()} and its payload is the field table. Identity is
 * object identity.
 */
public final class T7Object implements T7Fields {

    /** The class name of {@code tds.Hash}. */
    public static final String TDS_HASH = "tds.Hash";
    /** The class name of {@code tds.Vec}. */
    public static final String TDS_VEC = "tds.Vec";
    /** The class name of {@code nn.GPU}, whose payload is a header then the field table. */
    public static final String NN_GPU = "nn.GPU";
    /**
     * The class name of cunn's {@code nn.DataParallelTable}, whose own {@code __write} puts two
     * objects after its class name: the {@code gpuAssignments} table (the header here), then the
     * field table.
     */
    public static final String DATA_PARALLEL_TABLE = "nn.DataParallelTable";

    private final String className;
    private final int version;
    private Object payload;
    private Object header;

    /**
     * An object.
     *
     * @param className the Torch class name, e.g. {@code nn.Linear}
     * @param version the class version written as {@code "V n"}, usually 1
     * @param payload the payload, usually the field table; a {@link T7Table} for the {@code tds}
     *        classes
     */
    public T7Object(String className, int version, Object payload) {
        this.className = Objects.requireNonNull(className, "className");
        this.version = version;
        if ((TDS_HASH.equals(className) || TDS_VEC.equals(className)) && !(payload instanceof T7Table)) {
            throw new IllegalArgumentException(className + " needs a T7Table payload");
        }
        this.payload = payload == null ? null : T7Table.checkValue(payload);
    }

    /**
     * An nn-style object (version 1) with a new empty field table.
     *
     * @param className the Torch class name
     * @return a new object
     */
    public static T7Object withFields(String className) {
        return new T7Object(className, 1, new T7Table());
    }

    /** For the reader, which registers the object before reading its payload. */
    T7Object(String className, int version) {
        this.className = className;
        this.version = version;
    }

    void setPayload(Object payload) {
        this.payload = payload;
    }

    void setHeader(Object header) {
        this.header = header;
    }

    /**
     * An {@code nn.GPU} object with the header Torch writes before its field table.
     *
     * @param version the class version
     * @param header the header, normally the table {@code {_type, device}}; {@code null} to derive it
     *        from the fields when writing
     * @param fields the field table
     * @return a new object
     */
    public static T7Object gpu(int version, T7Table header, T7Table fields) {
        T7Object o = new T7Object(NN_GPU, version, fields);
        o.header = header;
        return o;
    }

    /**
     * Whether objects of a class hold a header object before their field table ({@code nn.GPU},
     * {@code nn.DataParallelTable}).
     *
     * @param className the class name
     * @return true for those classes
     */
    public static boolean hasHeaderObject(String className) {
        return NN_GPU.equals(className) || DATA_PARALLEL_TABLE.equals(className);
    }

    /**
     * The header of an {@code nn.GPU} object ({@code {_type, device}}) or of an
     * {@code nn.DataParallelTable} ({@code gpuAssignments}), as read.
     *
     * @return the header, or {@code null} for every other class
     */
    public Object header() {
        return header;
    }

    /**
     * The Torch class name, e.g. {@code nn.Linear} ({@code torch.typename(obj)}).
     *
     * @return the class name
     */
    public String className() {
        return className;
    }

    /**
     * The class version ({@code "V n"}; 0 when the file had none).
     *
     * @return the version
     */
    public int version() {
        return version;
    }

    /**
     * The payload as read: usually a {@link T7Table}.
     *
     * @return the payload, possibly {@code null}
     */
    public Object payload() {
        return payload;
    }

    /**
     * The field table.
     *
     * @return the payload as a table
     * @throws IllegalStateException if the payload is not a table
     */
    @Override
    public T7Table fields() {
        if (payload instanceof T7Table t) {
            return t;
        }
        throw new IllegalStateException(className + " has a " + T7Table.typeName(payload)
                + " payload, not a field table");
    }

    @Override
    public String describe() {
        return className;
    }

    @Override
    public String toString() {
        return className + " (V " + version + ")";
    }
}
