package io.github.nn4j.examples.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import io.github.nn4j.torch7.AtomicFiles;

/**
 * An IDX file of unsigned bytes, the format of the MNIST distribution
 * (<a href="http://yann.lecun.com/exdb/mnist/">yann.lecun.com/exdb/mnist</a>).
 *
 * <table class="striped">
 *   <caption>Layout (all integers big-endian)</caption>
 *   <tr><th>offset</th><th>field</th></tr>
 *   <tr><td>0</td><td>magic: two zero bytes, the element type ({@code 0x08} = unsigned byte),
 *       the number of dimensions {@code d}; so {@code 0x00000801} for labels and
 *       {@code 0x00000803} for images</td></tr>
 *   <tr><td>4</td><td>{@code d} sizes, 32-bit each</td></tr>
 *   <tr><td>4 + 4d</td><td>the elements, row-major, one byte each</td></tr>
 * </table>
 *
 * <p>{@link #read(Path)} accepts plain and gzipped files (recognised by their content, not their
 * name). Only the unsigned-byte type is supported, which is what MNIST uses; other types are
 * rejected with their type code. A header that declares more elements than the file holds is
 * reported as truncated without allocating the declared size up front.
 */
public final class IdxFile {

    /** The IDX type code of unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;

    private static final int MAX_DIMS = 16;

    private final int[] dims;
    private final byte[] data;

    private IdxFile(int[] dims, byte[] data) {
        this.dims = dims;
        this.data = data;
    }

    /**
     * An IDX file of unsigned bytes.
     *
     * @param data the elements, row-major, read as unsigned (copied)
     * @param dims the size of each dimension, at least one
     * @return the file
     * @throws IllegalArgumentException if the element count does not match the sizes
     */
    public static IdxFile ofUnsignedBytes(byte[] data, int... dims) {
        Objects.requireNonNull(data, "data");
        long n = checkedCount(dims);
        if (n != data.length) {
            throw new IllegalArgumentException("sizes " + Arrays.toString(dims) + " hold " + n + " elements, got "
                    + data.length + " bytes");
        }
        return new IdxFile(dims.clone(), data.clone());
    }

    private static long checkedCount(int[] dims) {
        if (dims.length < 1 || dims.length > MAX_DIMS) {
            throw new IllegalArgumentException("an IDX file has 1 to " + MAX_DIMS + " dimensions, got "
                    + dims.length);
        }
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative size in " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("sizes " + Arrays.toString(dims) + " are too large");
            }
        }
        return n;
    }

    /**
     * Reads a file, gzipped or not.
     *
     * @param path the file, e.g. {@code train-images-idx3-ubyte} or {@code …-idx3-ubyte.gz}
     * @return the file's contents
     * @throws IOException if it cannot be read or is not a valid unsigned-byte IDX file (the
     *     message names the file)
     */
    public static IdxFile read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads from a stream, gzipped or not; the stream is read to its end but not closed.
     *
     * @param stream the stream
     * @return the contents
     * @throws IOException if the data are not a valid unsigned-byte IDX file
     */
    public static IdxFile read(InputStream stream) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(stream);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(buffered) : buffered;
        int magic = readInt(in, 0);
        if ((magic >>> 16) != 0) {
            throw new IOException(String.format("not an IDX file: magic number 0x%08x does not start with two zero "
                    + "bytes (a gzip stream would start 0x1f8b)", magic));
        }
        int type = (magic >>> 8) & 0xff;
        int nDims = magic & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new IOException(String.format("only unsigned-byte IDX files (type 0x08) are supported, "
                    + "got type 0x%02x", type));
        }
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw new IOException("an IDX file has 1 to " + MAX_DIMS + " dimensions, the header says " + nDims);
        }
        int[] dims = new int[nDims];
        for (int i = 0; i < nDims; i++) {
            dims[i] = readInt(in, 4 + 4 * i);
        }
        long n;
        try {
            n = checkedCount(dims);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid IDX header: " + e.getMessage(), e);
        }
        byte[] data = in.readNBytes((int) n);
        if (data.length != n) {
            throw new EOFException("truncated IDX file: the header declares sizes " + Arrays.toString(dims) + " ("
                    + n + " bytes of data) but only " + data.length + " follow");
        }
        if (in.read() != -1) {
            throw new IOException("IDX file has bytes after the " + n + " elements its header declares ("
                    + Arrays.toString(dims) + ")");
        }
        return new IdxFile(dims, data);
    }

    private static int readInt(InputStream in, int offset) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length != 4) {
            throw new EOFException("truncated IDX header at byte " + (offset + b.length));
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /**
     * Writes the file, gzipped if the name ends with {@code .gz}.
     *
     * @param path the file to create or replace
     * @throws IOException if it cannot be written
     */
    public void write(Path path) throws IOException {
        AtomicFiles.write(path, out -> write(out, path.getFileName().toString().endsWith(".gz")));
    }

    /**
     * Writes to a stream, which is flushed but not closed.
     *
     * @param stream the stream
     * @param gzip whether to gzip the bytes
     * @throws IOException if writing fails
     */
    public void write(OutputStream stream, boolean gzip) throws IOException {
        OutputStream shield = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                stream.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stream.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                stream.flush();
            }
        };
        OutputStream target = gzip ? new GZIPOutputStream(shield) : shield;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target))) {
            out.writeInt((UNSIGNED_BYTE << 8) | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    /**
     * The size of each dimension.
     *
     * @return a copy of the sizes, e.g. {@code [10000, 28, 28]}
     */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * The size of one dimension.
     *
     * @param d the dimension, 0-based
     * @return its size
     */
    public int dim(int d) {
        return dims[d];
    }

    /**
     * The number of dimensions.
     *
     * @return the dimension count
     */
    public int dimCount() {
        return dims.length;
    }

    /**
     * The number of elements.
     *
     * @return the product of the sizes
     */
    public int numel() {
        return data.length;
    }

    /**
     * One element, as an unsigned value.
     *
     * @param i the row-major index, 0-based
     * @return a value in {@code [0, 255]}
     */
    public int unsigned(int i) {
        return data[i] & 0xff;
    }

    /**
     * A copy of the elements (read them as unsigned: {@code b & 0xff}).
     *
     * @return the bytes, row-major
     */
    public byte[] bytes() {
        return data.clone();
    }

    @Override
    public String toString() {
        return "IdxFile(unsigned bytes, size " + Arrays.toString(dims) + ")";
    }
}
