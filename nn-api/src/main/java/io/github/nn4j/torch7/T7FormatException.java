package io.github.nn4j.torch7;

import java.io.IOException;

/**
 * A {@code .t7} stream that is not a valid Torch7 serialization: truncated, an unknown type tag,
 * a negative or impossible size, a bad ascii token, a view outside its storage, nesting deeper
 * than allowed. The message ends with the byte offset at which the problem was found, also
 * available from {@link #offset()}.
 */
public final class T7FormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The byte offset from the start of the stream. */
    private final long offset;

    /**
     * A format error.
     *
     * @param message what is wrong
     * @param offset the byte offset at which it was found
     */
    public T7FormatException(String message, long offset) {
        super(message + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    /**
     * The byte offset, from the start of the stream, at which the problem was found.
     *
     * @return the offset
     */
    public long offset() {
        return offset;
    }
}
