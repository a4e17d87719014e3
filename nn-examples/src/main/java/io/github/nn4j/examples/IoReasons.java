package io.github.nn4j.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why an I/O operation failed, in words: the JDK's {@code NoSuchFileException} and
 * {@code AccessDeniedException} carry only the path as their message, so "cannot write: x.t7"
 * said nothing of the cause.
 */
public final class IoReasons {

    private IoReasons() {
    }

    /**
     * The reason of a failure, without the path.
     *
     * @param e the failure
     * @return for example {@code "no such folder"} or {@code "permission denied"}, else the message
     */
    public static String reason(Throwable e) {
        // a save wraps the file system's own failure (AtomicFiles names the destination): its reason is the cause's
        Throwable c = e;
        while (!(c instanceof FileSystemException) && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        if (c instanceof FileSystemException) {
            e = c;
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return f.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Checks, before any work, that a file can be written into its folder: the folder exists (or is
     * created) and is writable, and the file is not a folder.
     *
     * @param option the option naming the file, for the message
     * @param file the file to be written
     * @throws IOException naming the option, the path and the reason
     */
    public static void checkWritableFile(String option, Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(option + ": " + file + " is a folder; name a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            checkWritableFolder(option, parent);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IOException(option + ": cannot write " + file + ": permission denied");
        }
    }

    /**
     * Checks, before any work, that a folder exists (creating it and its parents if needed) and is
     * writable.
     *
     * @param option the option naming the folder, for the message
     * @param dir the folder
     * @throws IOException naming the option, the path and the reason
     */
    public static void checkWritableFolder(String option, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(option + ": " + dir + " is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(option + ": cannot create the folder " + dir + ": " + reason(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(option + ": cannot write into " + dir + ": permission denied");
        }
    }
}
