package io.github.nn4j.torch7;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Replaces a file atomically: the content goes to a temporary file in the destination's
 * directory, is forced to the device ({@link FileChannel#force}), and is renamed over the
 * destination with {@link StandardCopyOption#ATOMIC_MOVE}. A reader (or a crash) sees the old
 * file or the new one, never a prefix. On any failure the destination is untouched, the
 * temporary file is deleted, and the exception's message names the destination. Every save in
 * nn4j ({@link Torch7#save}, {@link T7Bridge#save}, the examples' {@code --save}, charts and
 * pictures) goes through here.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content.
         *
         * @param out the stream to the temporary file (closed by the caller)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces a file with some bytes.
     *
     * @param file the destination
     * @param bytes the new content
     * @throws IOException naming {@code file} if anything fails; the old file is then unchanged
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces a file with what {@code content} writes.
     *
     * @param file the destination
     * @param content writes the new content
     * @throws IOException naming {@code file} if anything fails (also wrapping a
     *         {@link RuntimeException} of {@code content}); the old file is then unchanged
     */
    public static void write(Path file, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new IOException("cannot save " + file + ": cannot create a temporary file in " + dir + ": "
                    + e.getMessage(), e);
        }
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            moved = true;
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot save " + file + ": " + e.getMessage(), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the save already failed; the temporary file name starts with '.' and ends in .tmp
                }
            }
        }
    }
}
