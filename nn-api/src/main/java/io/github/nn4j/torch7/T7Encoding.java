package io.github.nn4j.torch7;

/**
 * The encoding of a {@code .t7} stream ({@code torch.save(file, obj, 'binary'|'ascii')}).
 */
public enum T7Encoding {
    /**
     * Reading only: decide from the first byte. A binary file starts with its first type tag as a
     * 4-byte integer (0..8), so its first byte is 0..8 (little-endian) or 0 (big-endian); an ascii
     * file starts with the tag printed as a digit {@code '0'..'8'} (possibly after whitespace). The
     * two never overlap, so the choice is unambiguous for every file Torch writes.
     */
    AUTO,
    /** Raw little- or big-endian values ({@code torch.save} default). */
    BINARY,
    /** Printed values, one read/write call per line ({@code 'ascii'}). */
    ASCII
}
