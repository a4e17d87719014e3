package io.github.nn4j.torch7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.nn4j.Tensor;

/**
 * Writes one object as a {@code .t7} stream, binary or ascii, byte for byte as Lua's
 * {@code torch.save}/{@code File:writeObject} writes it ({@code File.lua}, {@code THDiskFile.c},
 * {@code generic/Tensor.c}, {@code generic/Storage.c}), with referencing on.
 *
 * <ul>
 *   <li>Tags: 0 nil, 1 number (a double), 2 string (int length, raw bytes), 3 table, 4 torch object,
 *       5 boolean (int 1/0), 6/7/8 function.</li>
 *   <li>Tables, torch objects and functions (tags 7, 8) get reference ids 1, 2, 3, … from one
 *       counter in write order; an object met again is written as its tag and id only, so shared
 *       storages, aliased tensors and cycles survive.</li>
 *   <li>Torch objects start with the version string {@code "V n"} ({@code "V 1"} for tensors and
 *       storages) and the class name. A tensor is int nDim, long sizes, long strides, long
 *       1-based offset, then its storage as an object (tag 0 when it has none: an empty tensor is
 *       {@code 0, 1, nil}). A storage is long n and the raw elements. {@code tds.Hash} and
 *       {@code tds.Vec} write a long count, then the pairs or the values; {@code nn.GPU} writes its
 *       header {@code {_type, device}}, then its field table. Any other
 *       {@link T7Object} writes its payload as one object.</li>
 *   <li>Ascii: every scalar or array call is printed and followed by {@code '\n'} (array elements
 *       separated by single spaces; nothing at all for an empty array); ints and longs as
 *       {@code %d}, doubles {@code %.17g}, floats and halves {@code %.9g}; strings and Byte/Char
 *       storages as raw bytes.</li>
 * </ul>
 *
 * <p>Accepted values: {@code null}, any {@link Number} (written as a double), {@link Boolean},
 * {@link String} (UTF-8), {@link T7Bytes}, {@link T7Table}, {@link T7Object}, {@link T7Tensor},
 * {@link T7Storage}, {@link T7Function}, and nn4j {@link Tensor}s (written as a
 * {@code torch.DoubleTensor} with its own storage; the same {@code Tensor} twice is one object).
 * Table key order is the table's insertion order. Tensors and storages of cutorch classes were
 * loaded as CPU types and are written as such.
 */
public final class T7Writer {

    private final T7Options options;
    private final boolean ascii;

    /** A binary writer: 8-byte longs, little-endian. */
    public T7Writer() {
        this(T7Options.defaults().withEncoding(T7Encoding.BINARY));
    }

    /**
     * A writer with the given options ({@link T7Encoding#AUTO} means binary).
     *
     * @param options the encoding, long size, byte order and nesting bound
     */
    public T7Writer(T7Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.ascii = options.encoding() == T7Encoding.ASCII;
    }

    /**
     * A writer for one encoding with default settings otherwise.
     *
     * @param ascii true for ascii, false for binary
     * @return the writer
     */
    public static T7Writer of(boolean ascii) {
        return new T7Writer(T7Options.defaults().withEncoding(ascii ? T7Encoding.ASCII : T7Encoding.BINARY));
    }

    /**
     * Serializes an object.
     *
     * @param object the object (see the class summary for the accepted values)
     * @return the bytes of the {@code .t7} stream
     * @throws IllegalArgumentException for a value that cannot be written, or nesting deeper than
     *         {@link T7Options#maxDepth()}
     */
    public byte[] toBytes(Object object) {
        Sink sink = ascii ? new AsciiSink() : new BinarySink(options.byteOrder(), options.longSize());
        new Emit(sink, options.maxDepth()).writeObject(object, 0);
        return sink.bytes();
    }

    /**
     * Writes an object to a stream.
     *
     * @param out the stream (not closed)
     * @param object the object
     * @throws IOException if writing fails
     * @throws IllegalArgumentException for a value that cannot be written
     */
    public void write(OutputStream out, Object object) throws IOException {
        out.write(toBytes(object));
    }

    /**
     * Writes an object to a file, replacing it atomically ({@link AtomicFiles}): a failed or
     * interrupted save leaves the old file as it was.
     *
     * @param file the file
     * @param object the object
     * @throws IOException naming the file if writing fails
     * @throws IllegalArgumentException for a value that cannot be written
     */
    public void write(Path file, Object object) throws IOException {
        AtomicFiles.write(file, toBytes(object));
    }

    /** One serialization pass: the reference ids. */
    private static final class Emit {
        private final Sink out;
        private final int maxDepth;
        private final Map<Object, Integer> ids = new IdentityHashMap<>();
        private final Map<Tensor, T7Tensor> converted = new IdentityHashMap<>();
        private int lastId;

        Emit(Sink out, int maxDepth) {
            this.out = out;
            this.maxDepth = maxDepth;
        }

        /** Writes the id; true if the object is new and its contents must follow. */
        private boolean reference(Object o) {
            Integer id = ids.get(o);
            if (id != null) {
                out.writeInt(id);
                return false;
            }
            ids.put(o, ++lastId);
            out.writeInt(lastId);
            return true;
        }

        void writeObject(Object o, int depth) {
            if (depth > maxDepth) {
                throw new IllegalArgumentException("nesting deeper than " + maxDepth + " levels");
            }
            if (o == null) {
                out.writeInt(0);
            } else if (o instanceof Number n) {
                out.writeInt(1);
                out.writeDouble(n.doubleValue());
            } else if (o instanceof String s) {
                out.writeInt(2);
                writeString(s.getBytes(StandardCharsets.UTF_8));
            } else if (o instanceof T7Bytes b) {
                out.writeInt(2);
                writeString(b.raw());
            } else if (o instanceof Boolean b) {
                out.writeInt(5);
                out.writeInt(b ? 1 : 0);
            } else if (o instanceof T7Table t) {
                out.writeInt(3);
                if (reference(t)) {
                    out.writeInt(t.size());
                    for (Map.Entry<Object, Object> e : t.asMap().entrySet()) {
                        writeObject(e.getKey(), depth + 1);
                        writeObject(e.getValue(), depth + 1);
                    }
                }
            } else if (o instanceof T7Tensor t) {
                writeTensor(t, depth);
            } else if (o instanceof Tensor t) {
                writeTensor(converted.computeIfAbsent(t, T7Tensor::fromTensor), depth);
            } else if (o instanceof T7Storage s) {
                out.writeInt(4);
                if (reference(s)) {
                    writeHeader(1, s.className());
                    out.writeLong(s.size());
                    out.writeArray(s.elementType(), s.rawData(), s.size());
                }
            } else if (o instanceof T7Object obj) {
                out.writeInt(4);
                if (reference(obj)) {
                    writeHeader(obj.version(), obj.className());
                    writePayload(obj, depth);
                }
            } else if (o instanceof T7Function f) {
                out.writeInt(f.tag());
                if (f.tag() == 6 || reference(f)) {
                    writeString(f.rawBytecode());
                    writeObject(f.upvalues(), depth + 1);
                }
            } else {
                throw new IllegalArgumentException("cannot write a " + o.getClass().getName() + " to a .t7 file");
            }
        }

        private void writeTensor(T7Tensor t, int depth) {
            out.writeInt(4);
            if (reference(t)) {
                writeHeader(1, t.className());
                out.writeInt(t.dim());
                out.writeLongs(t.sizes());
                out.writeLongs(t.strides());
                out.writeLong(t.luaStorageOffset());
                writeObject(t.storage(), depth + 1);
            }
        }

        private void writePayload(T7Object obj, int depth) {
            boolean vec = T7Object.TDS_VEC.equals(obj.className());
            if (vec || T7Object.TDS_HASH.equals(obj.className())) {
                T7Table t = obj.fields();
                if (vec && !t.isList()) {
                    throw new IllegalArgumentException("a tds.Vec payload must have keys 1..n only");
                }
                out.writeLong(t.size());
                if (vec) {
                    for (Object v : t.list()) {
                        writeObject(v, depth + 1);
                    }
                } else {
                    for (Map.Entry<Object, Object> e : t.asMap().entrySet()) {
                        writeObject(e.getKey(), depth + 1);
                        writeObject(e.getValue(), depth + 1);
                    }
                }
            } else if (T7Object.hasHeaderObject(obj.className())) {
                Object header = obj.header();
                if (header == null && T7Object.DATA_PARALLEL_TABLE.equals(obj.className())) {
                    header = obj.fields().get("gpuAssignments");
                } else if (header == null) {
                    T7Table fields = obj.fields();
                    header = new T7Table().put(1, fields.get("_type")).put(2, fields.get("device"));
                }
                writeObject(header, depth + 1);
                writeObject(obj.payload(), depth + 1);
            } else {
                writeObject(obj.payload(), depth + 1);
            }
        }

        private void writeHeader(int version, String className) {
            writeString(("V " + version).getBytes(StandardCharsets.US_ASCII));
            writeString(className.getBytes(StandardCharsets.UTF_8));
        }

        private void writeString(byte[] b) {
            out.writeInt(b.length);
            out.writeChars(b);
        }
    }

    // ------------------------------------------------------------------------------ sinks

    /** The primitive writes of {@code THFile}. */
    private interface Sink {
        void writeInt(int v);

        void writeLong(long v);

        void writeDouble(double v);

        void writeLongs(long[] v);

        void writeChars(byte[] b);

        void writeArray(T7ElementType type, Object array, int n);

        byte[] bytes();
    }

    /** Raw values in the chosen byte order. */
    private static final class BinarySink implements Sink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteOrder order;
        private final int longSize;
        private final ByteBuffer scratch;

        BinarySink(ByteOrder order, int longSize) {
            this.order = order;
            this.longSize = longSize;
            this.scratch = ByteBuffer.allocate(8).order(order);
        }

        private void flushScratch() {
            bytes.write(scratch.array(), 0, scratch.position());
            scratch.clear();
        }

        @Override
        public void writeInt(int v) {
            scratch.putInt(v);
            flushScratch();
        }

        @Override
        public void writeLong(long v) {
            if (longSize == 8) {
                scratch.putLong(v);
            } else {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("long " + v + " does not fit a 4-byte long");
                }
                scratch.putInt((int) v);
            }
            flushScratch();
        }

        @Override
        public void writeDouble(double v) {
            scratch.putDouble(v);
            flushScratch();
        }

        @Override
        public void writeLongs(long[] v) {
            for (long x : v) {
                writeLong(x);
            }
        }

        @Override
        public void writeChars(byte[] b) {
            bytes.write(b, 0, b.length);
        }

        @Override
        public void writeArray(T7ElementType type, Object array, int n) {
            if (type == T7ElementType.LONG) {
                long[] a = (long[]) array;
                for (int i = 0; i < n; i++) {
                    writeLong(a[i]);
                }
                return;
            }
            ByteBuffer bb = ByteBuffer.allocate(n * type.byteSize(longSize)).order(order);
            switch (type) {
                case DOUBLE -> bb.asDoubleBuffer().put((double[]) array, 0, n);
                case FLOAT -> bb.asFloatBuffer().put((float[]) array, 0, n);
                case INT -> bb.asIntBuffer().put((int[]) array, 0, n);
                case SHORT, HALF -> bb.asShortBuffer().put((short[]) array, 0, n);
                case BYTE, CHAR -> bb.put((byte[]) array, 0, n);
                default -> throw new AssertionError(type);
            }
            bytes.write(bb.array(), 0, bb.capacity());
        }

        @Override
        public byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    /** Printed values, as {@code THDiskFile}'s ascii mode with auto-spacing. */
    private static final class AsciiSink implements Sink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            bytes.write(b, 0, b.length);
        }

        @Override
        public void writeInt(int v) {
            text(v + "\n");
        }

        @Override
        public void writeLong(long v) {
            text(v + "\n");
        }

        @Override
        public void writeDouble(double v) {
            text(AsciiNumbers.formatG(v, 17) + "\n");
        }

        @Override
        public void writeLongs(long[] v) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(v[i]);
            }
            if (v.length > 0) {
                sb.append('\n');
            }
            text(sb.toString());
        }

        @Override
        public void writeChars(byte[] b) {
            bytes.write(b, 0, b.length);
            if (b.length > 0) {
                bytes.write('\n');
            }
        }

        @Override
        public void writeArray(T7ElementType type, Object array, int n) {
            if (type == T7ElementType.BYTE || type == T7ElementType.CHAR) {
                bytes.write((byte[]) array, 0, n);
                if (n > 0) {
                    bytes.write('\n');
                }
                return;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                switch (type) {
                    case DOUBLE -> sb.append(AsciiNumbers.formatG(((double[]) array)[i], 17));
                    case FLOAT -> sb.append(AsciiNumbers.formatG(((float[]) array)[i], 9));
                    case HALF -> sb.append(AsciiNumbers.formatG(T7Storage.Half.toFloat(((short[]) array)[i]), 9));
                    case LONG -> sb.append(((long[]) array)[i]);
                    case INT -> sb.append(((int[]) array)[i]);
                    case SHORT -> sb.append(((short[]) array)[i]);
                    default -> throw new AssertionError(type);
                }
            }
            if (n > 0) {
                sb.append('\n');
            }
            text(sb.toString());
        }

        @Override
        public byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
