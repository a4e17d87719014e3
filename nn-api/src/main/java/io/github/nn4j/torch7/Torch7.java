package io.github.nn4j.torch7;

import java.io.IOException;
import java.nio.file.Path;

import io.github.nn4j.Tensor;

/**
 * Lua's {@code torch.load} and {@code torch.save} for Java: the plain-object layer of the
 * {@code .t7} format (see {@link io.github.nn4j.torch7 the package summary}).
 *
 * <pre>{@code
 * Object o = Torch7.load(Path.of("model.t7"));          // binary or ascii, auto-detected
 * T7Object linear = (T7Object) o;                        // e.g. nn.Linear
 * Tensor w = linear.getTensor("weight").toTensor();      // out x in, as a contiguous double Tensor
 * Torch7.save(Path.of("w.t7"), w, false);                // a torch.DoubleTensor, binary
 * }</pre>
 *
 * <p>The encoding is detected from the first byte (see {@link T7Encoding#AUTO}); files with 4-byte
 * longs (written on Windows) need {@code T7Options.defaults().withLongSize(4)}, since the long
 * size cannot be detected robustly.
 */
public final class Torch7 {

    private Torch7() {
    }

    /**
     * Loads a file with the default options (auto-detected encoding, 8-byte longs,
     * little-endian).
     *
     * @param file the {@code .t7} file
     * @return the object (see {@link T7Reader#read(Path)})
     * @throws T7FormatException if the file is not a valid {@code .t7} stream
     * @throws IOException if it cannot be read
     */
    public static Object load(Path file) throws IOException {
        return new T7Reader().read(file);
    }

    /**
     * Loads a file.
     *
     * @param file the {@code .t7} file
     * @param options the encoding, long size, byte order and nesting bound
     * @return the object (see {@link T7Reader#read(Path)})
     * @throws T7FormatException if the file is not a valid {@code .t7} stream
     * @throws IOException if it cannot be read
     */
    public static Object load(Path file, T7Options options) throws IOException {
        return new T7Reader(options).read(file);
    }

    /**
     * Loads a file holding one tensor of any element type, as a contiguous double {@link Tensor}.
     *
     * @param file the {@code .t7} file
     * @return a new tensor
     * @throws T7FormatException if the file is not a valid {@code .t7} stream or holds no tensor
     * @throws IOException if it cannot be read
     */
    public static Tensor loadTensor(Path file) throws IOException {
        Object o = load(file);
        if (!(o instanceof T7Tensor t)) {
            throw new T7FormatException(file + " holds a " + T7Table.typeName(o) + ", not a tensor", 0);
        }
        return t.toTensor();
    }

    /**
     * Saves an object as Torch's {@code torch.save(file, object, ascii and 'ascii' or 'binary')}
     * does (8-byte longs, little-endian).
     *
     * @param file the file, replaced
     * @param object the object (see {@link T7Writer} for the accepted values; an nn4j
     *        {@link Tensor} becomes a {@code torch.DoubleTensor})
     * @param ascii true for the ascii encoding, false for binary
     * @throws IOException if writing fails
     * @throws IllegalArgumentException for a value that cannot be written
     */
    public static void save(Path file, Object object, boolean ascii) throws IOException {
        T7Writer.of(ascii).write(file, object);
    }

    /**
     * Saves an object in the binary encoding ({@code torch.save(file, object)}).
     *
     * @param file the file, replaced
     * @param object the object
     * @throws IOException if writing fails
     * @throws IllegalArgumentException for a value that cannot be written
     */
    public static void save(Path file, Object object) throws IOException {
        save(file, object, false);
    }
}
