package io.github.nn4j.torch7;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Lua string whose bytes are not valid UTF-8 (Lua strings are byte strings). Strings that are
 * valid UTF-8 load as {@link String} instead; their bytes are exactly
 * {@code s.getBytes(UTF_8)}. Equality is by content, like Lua strings, so a {@code T7Bytes} works
 * as a table key.
 */
public final class T7Bytes {

    private final byte[] bytes;

    /**
     * A byte string.
     *
     * @param bytes the bytes (copied)
     */
    public T7Bytes(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /**
     * The bytes (a copy).
     *
     * @return the bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The number of bytes.
     *
     * @return the length
     */
    public int length() {
        return bytes.length;
    }

    /** The bytes themselves, for the writer. */
    byte[] raw() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof T7Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * The bytes decoded as ISO-8859-1 (one char per byte).
     *
     * @return the text
     */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
