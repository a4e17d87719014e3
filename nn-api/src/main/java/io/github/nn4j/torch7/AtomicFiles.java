package io.github.nn4j.torch7;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file atomically: the content goes to a temporary file in the destination's
 * directory, is forced to the device ({@link FileChannel#force}), and is renamed over the
 * destination with {@link StandardCopyOption#ATOMIC_MOVE}. A reader (or a crash) sees the old
 * file or the new one, never a prefix. On any failure the destination is untouched, the
 * temporary file is deleted, and the exception's message names the destination. The new file
 * gets the permissions a plain write would give it: those of the file it replaces, or for a new
 * file the defaults of the process (its umask), not the owner-only mode of
 * {@link Files#createTempFile}. Every save in
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
        Path tmp = null;
        FileChannel opened = null;
        try {
            // CREATE_NEW without attributes: the umask's permissions, as a plain write of a new file has
            // (Files.createTempFile would make it rw------- whatever the umask)
            for (int attempt = 0; opened == null; attempt++) {
                tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(
                        ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    opened = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    if (attempt == 99) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot save " + file + ": cannot create a temporary file in " + dir + ": "
                    + e.getMessage(), e);
        }
        boolean moved = false;
        try {
            keepPermissionsOf(abs, tmp);
            try (FileChannel ch = opened) {
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
                    opened.close();
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the save already failed; the temporary file name starts with '.' and ends in .tmp
                }
            }
        }
    }

    /** A replaced file keeps its POSIX permissions (where the file system has them). */
    private static void keepPermissionsOf(Path existing, Path tmp) throws IOException {
        if (!Files.isRegularFile(existing)) {
            return;
        }
        PosixFileAttributeView from = Files.getFileAttributeView(existing, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (from != null && to != null) {
            to.setPermissions(from.readAttributes().permissions());
        }
    }
}
