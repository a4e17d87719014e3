package io.github.nn4j.torch7;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads one object from a {@code .t7} stream, binary or ascii, as Lua's
 * {@code torch.load}/{@code File:readObject} does ({@code File.lua}, {@code THDiskFile.c},
 * {@code generic/Tensor.c}, {@code generic/Storage.c}), into the plain object model of this
 * package (see {@link io.github.nn4j.torch7 the package summary} for the Java form of each Lua
 * value).
 *
 * <p><b>References.</b> Tables, torch objects and functions carry a reference id. The reader keeps
 * an {@code id → object} map and registers each object <em>before</em> reading its contents, so
 * shared objects load as one Java object and cycles ({@code obj.a == obj}, a table that is its own
 * key) work. A new object must take the next id in sequence (1, 2, 3, …), which is what Torch's
 * writer does with referencing on (the default); any other unseen id is rejected as an unknown
 * reference.
 *
 * <p><b>Robustness.</b> Any malformed input raises {@link T7FormatException} with the byte offset
 * (never another exception type): truncation, an unknown type tag, a boolean other than 0/1, a
 * negative size, a size larger than the bytes left (checked before allocating), a tensor view
 * outside its storage or with a storage of another type, a nil or NaN table key, a bad ascii
 * token, nesting deeper than {@link T7Options#maxDepth()}, views with more elements than their
 * storage (stride 0, as {@code expand} makes) beyond {@link T7Options#maxExpandedElements()} in total (the
 * message names the tensor's path in the file, e.g. {@code modules[1].weight}). So no tensor
 * converted from a file has more elements than its storage or that bound. Bytes after the first object are
 * ignored, as Torch ignores them.
 *
 * <p><b>Deliberate differences from Torch.</b> Unknown classes load as a generic {@link T7Object}
 * instead of failing. {@code tds.Hash}, {@code tds.Vec} and {@code nn.GPU} (a header, then the
 * fields) are special-cased; other classes with a custom {@code read} method (e.g.
 * {@code nn.WeightNorm}) load only if their payload is one object, and version upgrades done by
 * {@code read(file, version)} (e.g. BatchNormalization {@code running_std}) are left to the caller,
 * who sees the version in {@link T7Object#version()}.
 * Torch accepts any integer as a boolean ({@code == 1}); this reader accepts only 0 and 1.
 *
 * <p>A reader holds only its options and is safe to share between threads.
 */
public final class T7Reader {

    private static final int TAG_NIL = 0;
    private static final int TAG_NUMBER = 1;
    private static final int TAG_STRING = 2;
    private static final int TAG_TABLE = 3;
    private static final int TAG_TORCH = 4;
    private static final int TAG_BOOLEAN = 5;
    private static final int TAG_FUNCTION = 6;
    private static final int TAG_RECUR_FUNCTION_LEGACY = 7;
    private static final int TAG_RECUR_FUNCTION = 8;

    private final T7Options options;

    /** A reader with {@link T7Options#defaults()}: auto-detected encoding, 8-byte longs. */
    public T7Reader() {
        this(T7Options.defaults());
    }

    /**
     * A reader with the given options.
     *
     * @param options the options
     */
    public T7Reader(T7Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The options.
     *
     * @return the options
     */
    public T7Options options() {
        return options;
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @return the object: {@code null}, a {@link Double}, {@link String}, {@link T7Bytes},
     *         {@link Boolean}, {@link T7Table}, {@link T7Tensor}, {@link T7Storage},
     *         {@link T7Object} or {@link T7Function}
     * @throws T7FormatException if the content is malformed
     * @throws IOException if the file cannot be read; the message names the file
     */
    public Object read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            // a pipe (e.g. a shell's <(...)), a device, a directory: read as a stream, whose
            // length is not known in advance (a directory fails there, naming the file)
            return read(readAll(file));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            // binary files stream through a 1 MiB buffer: each storage is decoded from the
            // buffer straight into its array, and the file is never held in memory whole
            ChannelSource src = new ChannelSource(ch, ch.size(), options.byteOrder(), options.longSize());
            T7Encoding enc = options.encoding();
            if (enc == T7Encoding.AUTO) {
                enc = detect(src.peek());
            }
            if (enc == T7Encoding.BINARY) {
                return parse(src);
            }
        } catch (java.nio.file.FileSystemException e) {
            if (e.getFile() != null) {
                throw e; // NoSuchFileException, AccessDeniedException, ...: already name the file
            }
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause()); // e.g. "Is a directory"
        } catch (T7FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return parse(new AsciiSource(readAll(file)));
    }

    private static byte[] readAll(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.FileSystemException e) {
            if (e.getFile() != null) {
                throw e; // NoSuchFileException, AccessDeniedException, ...: already name the file
            }
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e); // e.g. "Is a directory"
        }
    }

    /**
     * Reads a stream to its end, then decodes it.
     *
     * @param in the stream (not closed)
     * @return the object, as {@link #read(byte[])}
     * @throws T7FormatException if the content is malformed
     * @throws IOException if the stream cannot be read
     */
    public Object read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /**
     * Decodes one object from bytes.
     *
     * @param bytes the serialized object
     * @return the object, as {@link #read(Path)}
     * @throws T7FormatException if the content is malformed
     */
    public Object read(byte[] bytes) throws T7FormatException {
        T7Encoding enc = options.encoding();
        if (enc == T7Encoding.AUTO) {
            enc = detect(bytes);
        }
        Source src = enc == T7Encoding.ASCII ? new AsciiSource(bytes)
                : new BinarySource(bytes, options.byteOrder(), options.longSize());
        return parse(src);
    }

    private Object parse(Source src) throws T7FormatException {
        try {
            return new Parse(src, options.maxDepth(), options.maxExpandedElements()).readObject(0);
        } catch (StackOverflowError e) {
            // only reachable with a maxDepth far above the default and a tiny thread stack
            throw new T7FormatException("nesting too deep for the thread stack", src.offset());
        }
    }

    /**
     * The encoding of a stream as {@link T7Encoding#AUTO} decides it: binary if the first byte is
     * 0..8 (the low or high byte of a 4-byte tag), else ascii.
     *
     * @param bytes the start of the stream
     * @return {@link T7Encoding#BINARY} or {@link T7Encoding#ASCII}
     */
    public static T7Encoding detect(byte[] bytes) {
        return detect(bytes.length == 0 ? -1 : bytes[0] & 0xff);
    }

    /** As {@link #detect(byte[])} for the first byte, {@code -1} for an empty stream. */
    private static T7Encoding detect(int first) {
        return first < 0 || first <= 8 ? T7Encoding.BINARY : T7Encoding.ASCII;
    }

    // ------------------------------------------------------------------------------ decoding

    /** One decoding pass: the reference map and the depth bound. */
    private static final class Parse {
        private final Source src;
        private final int maxDepth;
        private final long maxExpanded;
        private final Map<Integer, Object> objects = new HashMap<>();
        /** The keys of the tables being read, innermost first: the path named in messages. */
        private final ArrayDeque<Object> keys = new ArrayDeque<>();
        /** The elements of the expanded views read so far. */
        private long expanded;
        private int lastId;

        Parse(Source src, int maxDepth, long maxExpanded) {
            this.src = src;
            this.maxDepth = maxDepth;
            this.maxExpanded = maxExpanded;
        }

        /** The path of the value being read, e.g. {@code modules[1].weight}; "the root" at the top. */
        private String path() {
            StringBuilder sb = new StringBuilder();
            for (var it = keys.descendingIterator(); it.hasNext();) {
                Object k = it.next();
                if (k instanceof String str) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(str);
                } else if (k instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                    sb.append('[').append(d.longValue()).append(']');
                } else {
                    sb.append('[').append(T7Table.typeName(k)).append(']');
                }
            }
            return sb.length() == 0 ? "the root" : sb.toString();
        }

        Object readObject(int depth) throws T7FormatException {
            long at = src.offset();
            if (depth > maxDepth) {
                throw new T7FormatException("nesting deeper than " + maxDepth + " levels", at);
            }
            int tag = src.readInt();
            switch (tag) {
                case TAG_NIL:
                    return null;
                case TAG_NUMBER:
                    return src.readDouble();
                case TAG_STRING:
                    return decodeString(readRawString());
                case TAG_BOOLEAN: {
                    int b = src.readInt();
                    if (b != 0 && b != 1) {
                        throw new T7FormatException("boolean must be 0 or 1, got " + b, at);
                    }
                    return b == 1;
                }
                case TAG_TABLE:
                    return readTable(depth);
                case TAG_TORCH:
                    return readTorch(depth);
                case TAG_FUNCTION:
                case TAG_RECUR_FUNCTION_LEGACY:
                case TAG_RECUR_FUNCTION:
                    return readFunction(tag, depth);
                default:
                    throw new T7FormatException("unknown type tag " + tag, at);
            }
        }

        /** Reads an id: returns the known object, or null after checking the id is the next one. */
        private Object lookupOrNew(int[] idOut) throws T7FormatException {
            long at = src.offset();
            int id = src.readInt();
            Object known = objects.get(id);
            if (known != null) {
                return known;
            }
            if (id != lastId + 1) {
                throw new T7FormatException("unknown reference id " + id + " (next new id is " + (lastId + 1) + ")",
                        at);
            }
            lastId = id;
            idOut[0] = id;
            return null;
        }

        private Object readTable(int depth) throws T7FormatException {
            int[] id = new int[1];
            Object known = lookupOrNew(id);
            if (known != null) {
                return known;
            }
            T7Table table = new T7Table();
            objects.put(id[0], table);
            long at = src.offset();
            int n = src.readInt();
            if (n < 0 || n > src.remaining()) {
                throw new T7FormatException("table with " + n + " entries cannot fit in the " + src.remaining()
                        + " bytes left", at);
            }
            for (int i = 0; i < n; i++) {
                long keyAt = src.offset();
                Object key = readObject(depth + 1);
                keys.push(key == null ? "nil" : key);
                Object value;
                try {
                    value = readObject(depth + 1);
                } finally {
                    keys.pop();
                }
                if (key == null) {
                    throw new T7FormatException("table index is nil", keyAt);
                }
                if (key instanceof Double d) {
                    if (d.isNaN()) {
                        throw new T7FormatException("table index is NaN", keyAt);
                    }
                    if (d == 0.0) {
                        key = 0.0;
                    }
                }
                if (value == null) {
                    table.remove(key);
                } else {
                    table.rawPut(key, value);
                }
            }
            return table;
        }

        private Object readTorch(int depth) throws T7FormatException {
            int[] id = new int[1];
            Object known = lookupOrNew(id);
            if (known != null) {
                return known;
            }
            String first = decodeLatin(readRawString());
            int version = 0;
            String className;
            Integer v = parseVersion(first);
            if (v != null) {
                version = v;
                className = decodeLatin(readRawString());
            } else {
                className = first; // file written before versioning: version 0
            }
            T7ElementType tensorType = T7ElementType.ofTensorClass(className);
            if (tensorType != null) {
                T7Tensor tensor = new T7Tensor(tensorType);
                tensor.setStoredClassName(className);
                objects.put(id[0], tensor);
                readTensor(tensor, tensorType, depth);
                return tensor;
            }
            T7ElementType storageType = T7ElementType.ofStorageClass(className);
            if (storageType != null) {
                T7Storage storage = readStorage(storageType);
                storage.setStoredClassName(className);
                objects.put(id[0], storage);
                return storage;
            }
            T7Object object = new T7Object(className, version);
            objects.put(id[0], object);
            if (T7Object.TDS_HASH.equals(className) || T7Object.TDS_VEC.equals(className)) {
                object.setPayload(readTds(className.equals(T7Object.TDS_VEC), depth));
            } else if (T7Object.hasHeaderObject(className)) {
                object.setHeader(readObject(depth + 1));
                object.setPayload(readObject(depth + 1));
            } else {
                object.setPayload(readObject(depth + 1));
            }
            return object;
        }

        private static Integer parseVersion(String s) {
            if (!s.startsWith("V ")) {
                return null;
            }
            Long n = AsciiNumbers.parseLong(s.substring(2).trim());
            if (n == null || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                return null;
            }
            return (int) (long) n;
        }

        private void readTensor(T7Tensor tensor, T7ElementType type, int depth) throws T7FormatException {
            long at = src.offset();
            int nDim = src.readInt();
            if (nDim < 0 || nDim > src.remaining()) {
                throw new T7FormatException("tensor with " + nDim + " dimensions cannot fit in the "
                        + src.remaining() + " bytes left", at);
            }
            long[] sizes = new long[nDim];
            long[] strides = new long[nDim];
            src.readLongs(sizes);
            src.readLongs(strides);
            long offAt = src.offset();
            long offset1 = src.readLong();
            if (offset1 < 1) {
                throw new T7FormatException("tensor storage offset must be at least 1, got " + offset1, offAt);
            }
            long storageAt = src.offset();
            Object s = readObject(depth + 1);
            if (s != null && !(s instanceof T7Storage)) {
                throw new T7FormatException("a " + type.tensorClassName() + " needs a storage, got "
                        + T7Table.typeName(s), storageAt);
            }
            T7Storage storage = (T7Storage) s;
            if (storage != null && storage.elementType() != type) {
                throw new T7FormatException("a " + type.tensorClassName() + " cannot view a " + storage.className(),
                        storageAt);
            }
            String err = T7Tensor.viewError(storage, offset1 - 1, sizes, strides);
            if (err != null) {
                throw new T7FormatException(type.tensorClassName() + ": " + err, at);
            }
            long n = T7Tensor.elementCount(sizes);
            if (storage != null && n > storage.size()) {
                expanded = n > maxExpanded ? n : expanded + n; // no overflow: both terms are at most maxExpanded
                if (expanded > maxExpanded) {
                    throw new T7FormatException(type.tensorClassName() + " at " + path() + ": a view of sizes "
                            + Arrays.toString(sizes) + " and strides " + Arrays.toString(strides) + " has " + n
                            + " elements over a storage of " + storage.size() + ", beyond the limit of "
                            + maxExpanded + " elements for the expanded views of a file"
                            + " (T7Options.withMaxExpandedElements)", at);
                }
            }
            tensor.init(type, storage, offset1 - 1, sizes, strides);
        }

        private T7Storage readStorage(T7ElementType type) throws T7FormatException {
            long at = src.offset();
            long n = src.readLong();
            if (n < 0 || n > Integer.MAX_VALUE - 8 || n > src.maxElements(type)) {
                throw new T7FormatException(type.storageClassName() + " of " + n + " elements cannot fit in the "
                        + src.remaining() + " bytes left", at);
            }
            T7Storage storage = T7Storage.allocate(type, (int) n);
            src.readArray(type, storage.rawData(), (int) n);
            return storage;
        }

        private T7Table readTds(boolean vec, int depth) throws T7FormatException {
            long at = src.offset();
            long n = src.readLong();
            if (n < 0 || n > src.remaining()) {
                throw new T7FormatException((vec ? "tds.Vec" : "tds.Hash") + " of " + n
                        + " elements cannot fit in the " + src.remaining() + " bytes left", at);
            }
            T7Table t = new T7Table();
            for (long i = 1; i <= n; i++) {
                long keyAt = src.offset();
                Object key = vec ? (Object) (double) i : readObject(depth + 1);
                Object value = readObject(depth + 1);
                if (key == null || (key instanceof Double d && d.isNaN())) {
                    throw new T7FormatException("tds.Hash key is nil or NaN", keyAt);
                }
                if (key instanceof Double d && d == 0.0) {
                    key = 0.0;
                }
                if (value != null) {
                    t.rawPut(key, value);
                }
            }
            return t;
        }

        private Object readFunction(int tag, int depth) throws T7FormatException {
            int[] id = new int[1];
            if (tag != TAG_FUNCTION) {
                Object known = lookupOrNew(id);
                if (known != null) {
                    return known;
                }
            }
            byte[] code = readRawString();
            T7Function f = new T7Function(tag, code, null);
            if (tag != TAG_FUNCTION) {
                objects.put(id[0], f);
            }
            f.setUpvalues(readObject(depth + 1));
            return f;
        }

        /** An int length, then that many raw bytes. */
        private byte[] readRawString() throws T7FormatException {
            long at = src.offset();
            int n = src.readInt();
            if (n < 0 || n > src.remaining()) {
                throw new T7FormatException("string of " + n + " bytes cannot fit in the " + src.remaining()
                        + " bytes left", at);
            }
            return src.readChars(n);
        }

        private static Object decodeString(byte[] b) {
            CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                CharBuffer cb = dec.decode(ByteBuffer.wrap(b));
                return cb.toString();
            } catch (CharacterCodingException e) {
                return new T7Bytes(b);
            }
        }

        private static String decodeLatin(byte[] b) {
            Object s = decodeString(b);
            return s instanceof String str ? str : s.toString();
        }
    }

    // ------------------------------------------------------------------------------ sources

    /** The primitive reads of {@code THFile}, binary or ascii. */
    private interface Source {
        long offset();

        long remaining();

        int readInt() throws T7FormatException;

        long readLong() throws T7FormatException;

        double readDouble() throws T7FormatException;

        void readLongs(long[] out) throws T7FormatException;

        /** Raw bytes (char arrays are raw in both encodings). */
        byte[] readChars(int n) throws T7FormatException;

        /** An upper bound of the element count the bytes left can hold. */
        long maxElements(T7ElementType type);

        void readArray(T7ElementType type, Object array, int n) throws T7FormatException;
    }

    /** Raw native values. */
    private static final class BinarySource implements Source {
        private final ByteBuffer buf;
        private final int longSize;

        BinarySource(byte[] bytes, ByteOrder order, int longSize) {
            this.buf = ByteBuffer.wrap(bytes).order(order);
            this.longSize = longSize;
        }

        @Override
        public long offset() {
            return buf.position();
        }

        @Override
        public long remaining() {
            return buf.remaining();
        }

        private void need(long n) throws T7FormatException {
            if (n > buf.remaining()) {
                throw new T7FormatException("truncated: needed " + n + " bytes, " + buf.remaining() + " left",
                        buf.position());
            }
        }

        @Override
        public int readInt() throws T7FormatException {
            need(4);
            return buf.getInt();
        }

        @Override
        public long readLong() throws T7FormatException {
            need(longSize);
            return longSize == 8 ? buf.getLong() : buf.getInt();
        }

        @Override
        public double readDouble() throws T7FormatException {
            need(8);
            return buf.getDouble();
        }

        @Override
        public void readLongs(long[] out) throws T7FormatException {
            need((long) out.length * longSize);
            for (int i = 0; i < out.length; i++) {
                out[i] = longSize == 8 ? buf.getLong() : buf.getInt();
            }
        }

        @Override
        public byte[] readChars(int n) throws T7FormatException {
            need(n);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        @Override
        public long maxElements(T7ElementType type) {
            return buf.remaining() / type.byteSize(longSize);
        }

        @Override
        public void readArray(T7ElementType type, Object array, int n) throws T7FormatException {
            need((long) n * type.byteSize(longSize));
            switch (type) {
                case DOUBLE -> buf.asDoubleBuffer().get((double[]) array, 0, n);
                case FLOAT -> buf.asFloatBuffer().get((float[]) array, 0, n);
                case INT -> buf.asIntBuffer().get((int[]) array, 0, n);
                case SHORT, HALF -> buf.asShortBuffer().get((short[]) array, 0, n);
                case BYTE, CHAR -> buf.duplicate().get((byte[]) array, 0, n);
                case LONG -> {
                    if (longSize == 8) {
                        buf.asLongBuffer().get((long[]) array, 0, n);
                    } else {
                        long[] a = (long[]) array;
                        java.nio.IntBuffer ib = buf.asIntBuffer();
                        for (int i = 0; i < n; i++) {
                            a[i] = ib.get(i);
                        }
                    }
                }
                default -> throw new AssertionError(type);
            }
            buf.position(buf.position() + n * type.byteSize(longSize));
        }
    }

    /**
     * Raw native values read from a file channel through a buffer of {@value #CAPACITY} bytes,
     * refilled as the parse consumes it; arrays are decoded from the buffer chunk by chunk into
     * their storage. Channel errors are thrown as {@link UncheckedIOException} and rethrown by
     * {@link T7Reader#read(Path)}.
     */
    private static final class ChannelSource implements Source {
        static final int CAPACITY = 1 << 20;
        private final FileChannel ch;
        private final long size;
        private final int longSize;
        private final ByteBuffer buf;
        /** Bytes consumed by the parse. */
        private long pos;

        ChannelSource(FileChannel ch, long size, ByteOrder order, int longSize) {
            this.ch = ch;
            this.size = size;
            this.longSize = longSize;
            this.buf = ByteBuffer.allocateDirect(CAPACITY).order(order);
            buf.limit(0);
        }

        /** The first byte, or {@code -1} for an empty file (nothing consumed). */
        int peek() throws T7FormatException {
            if (size == 0) {
                return -1;
            }
            fill(1);
            return buf.get(buf.position()) & 0xff;
        }

        /** Makes at least {@code k} (at most the capacity) bytes available in the buffer. */
        private void fill(int k) throws T7FormatException {
            if (buf.remaining() >= k) {
                return;
            }
            buf.compact();
            try {
                while (buf.position() < k) {
                    if (ch.read(buf) < 0) {
                        buf.flip();
                        throw new T7FormatException("truncated: the file ended after " + (pos + buf.remaining())
                                + " of its " + size + " bytes (changed while read?)", pos + buf.remaining());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buf.flip();
        }

        @Override
        public long offset() {
            return pos;
        }

        @Override
        public long remaining() {
            return size - pos;
        }

        private void need(long n) throws T7FormatException {
            if (n > remaining()) {
                throw new T7FormatException("truncated: needed " + n + " bytes, " + remaining() + " left", pos);
            }
        }

        @Override
        public int readInt() throws T7FormatException {
            need(4);
            fill(4);
            pos += 4;
            return buf.getInt();
        }

        @Override
        public long readLong() throws T7FormatException {
            need(longSize);
            fill(longSize);
            pos += longSize;
            return longSize == 8 ? buf.getLong() : buf.getInt();
        }

        @Override
        public double readDouble() throws T7FormatException {
            need(8);
            fill(8);
            pos += 8;
            return buf.getDouble();
        }

        @Override
        public void readLongs(long[] out) throws T7FormatException {
            need((long) out.length * longSize);
            for (int i = 0; i < out.length; i++) {
                fill(longSize);
                out[i] = longSize == 8 ? buf.getLong() : buf.getInt();
            }
            pos += (long) out.length * longSize;
        }

        @Override
        public byte[] readChars(int n) throws T7FormatException {
            need(n);
            byte[] b = new byte[n];
            for (int done = 0; done < n;) {
                fill(1);
                int k = Math.min(n - done, buf.remaining());
                buf.get(b, done, k);
                done += k;
            }
            pos += n;
            return b;
        }

        @Override
        public long maxElements(T7ElementType type) {
            return remaining() / type.byteSize(longSize);
        }

        @Override
        public void readArray(T7ElementType type, Object array, int n) throws T7FormatException {
            int width = type.byteSize(longSize);
            need((long) n * width);
            for (int done = 0; done < n;) {
                fill(width);
                int k = Math.min(n - done, buf.remaining() / width);
                switch (type) {
                    case DOUBLE -> buf.asDoubleBuffer().get((double[]) array, done, k);
                    case FLOAT -> buf.asFloatBuffer().get((float[]) array, done, k);
                    case INT -> buf.asIntBuffer().get((int[]) array, done, k);
                    case SHORT, HALF -> buf.asShortBuffer().get((short[]) array, done, k);
                    case BYTE, CHAR -> buf.duplicate().get((byte[]) array, done, k);
                    case LONG -> {
                        if (longSize == 8) {
                            buf.asLongBuffer().get((long[]) array, done, k);
                        } else {
                            long[] a = (long[]) array;
                            for (int i = 0; i < k; i++) {
                                a[done + i] = buf.getInt(buf.position() + 4 * i);
                            }
                        }
                    }
                    default -> throw new AssertionError(type);
                }
                buf.position(buf.position() + k * width);
                done += k;
            }
            pos += (long) n * width;
        }
    }

    /**
     * Printed values: each number is a whitespace-separated token ({@code scanf} skips leading
     * whitespace); after each read call one trailing {@code '\n'} is consumed if present; char
     * arrays are raw bytes.
     */
    private static final class AsciiSource implements Source {
        private final byte[] b;
        private int pos;

        AsciiSource(byte[] bytes) {
            this.b = bytes;
        }

        @Override
        public long offset() {
            return pos;
        }

        @Override
        public long remaining() {
            return b.length - pos;
        }

        private static boolean isSpace(byte c) {
            return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0x0b || c == 0x0c;
        }

        private String token(String what) throws T7FormatException {
            while (pos < b.length && isSpace(b[pos])) {
                pos++;
            }
            int start = pos;
            while (pos < b.length && !isSpace(b[pos]) && pos - start <= 400) {
                pos++;
            }
            if (pos == start) {
                throw new T7FormatException("truncated: expected " + what, pos);
            }
            if (pos - start > 400) {
                throw new T7FormatException("ascii token too long for " + what, start);
            }
            return new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
        }

        private void endOfCall() {
            if (pos < b.length && b[pos] == '\n') {
                pos++;
            }
        }

        private long integer(String what, long min, long max) throws T7FormatException {
            int start = pos;
            String t = token(what);
            Long v = AsciiNumbers.parseLong(t);
            if (v == null || v < min || v > max) {
                throw new T7FormatException("bad ascii token '" + t + "' for " + what, start);
            }
            return v;
        }

        private double real(String what) throws T7FormatException {
            int start = pos;
            String t = token(what);
            Double v = AsciiNumbers.parseDouble(t);
            if (v == null) {
                throw new T7FormatException("bad ascii token '" + t + "' for " + what, start);
            }
            return v;
        }

        @Override
        public int readInt() throws T7FormatException {
            int v = (int) integer("an int", Integer.MIN_VALUE, Integer.MAX_VALUE);
            endOfCall();
            return v;
        }

        @Override
        public long readLong() throws T7FormatException {
            long v = integer("a long", Long.MIN_VALUE, Long.MAX_VALUE);
            endOfCall();
            return v;
        }

        @Override
        public double readDouble() throws T7FormatException {
            double v = real("a double");
            endOfCall();
            return v;
        }

        @Override
        public void readLongs(long[] out) throws T7FormatException {
            for (int i = 0; i < out.length; i++) {
                out[i] = integer("a long", Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if (out.length > 0) {
                endOfCall();
            }
        }

        @Override
        public byte[] readChars(int n) throws T7FormatException {
            if (n > b.length - pos) {
                throw new T7FormatException("truncated: needed " + n + " bytes, " + (b.length - pos) + " left", pos);
            }
            byte[] out = new byte[n];
            System.arraycopy(b, pos, out, 0, n);
            pos += n;
            if (n > 0) {
                endOfCall();
            }
            return out;
        }

        @Override
        public long maxElements(T7ElementType type) {
            // raw bytes for Byte/Char; at least one character per printed number
            return b.length - pos;
        }

        @Override
        public void readArray(T7ElementType type, Object array, int n) throws T7FormatException {
            if (type == T7ElementType.BYTE || type == T7ElementType.CHAR) {
                byte[] raw = readChars(n);
                System.arraycopy(raw, 0, (byte[]) array, 0, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                switch (type) {
                    case DOUBLE -> ((double[]) array)[i] = real("a double");
                    case FLOAT -> ((float[]) array)[i] = floatToken();
                    case HALF -> ((short[]) array)[i] = T7Storage.Half.fromFloat(floatToken());
                    case LONG -> ((long[]) array)[i] = integer("a long", Long.MIN_VALUE, Long.MAX_VALUE);
                    case INT -> ((int[]) array)[i] = (int) integer("an int", Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case SHORT -> ((short[]) array)[i] = (short) integer("a short", Short.MIN_VALUE, Short.MAX_VALUE);
                    default -> throw new AssertionError(type);
                }
            }
            if (n > 0) {
                endOfCall();
            }
        }

        private float floatToken() throws T7FormatException {
            int start = pos;
            String t = token("a float");
            Double v = AsciiNumbers.parseDouble(t);
            if (v == null) {
                throw new T7FormatException("bad ascii token '" + t + "' for a float", start);
            }
            if (v.isNaN() || v.isInfinite()) {
                return v.floatValue();
            }
            // correctly rounded to float, as scanf("%g") into a float
            return Float.parseFloat(t);
        }
    }
}
