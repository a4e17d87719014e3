package io.github.nn4j.torch7;

import java.util.List;

/**
 * A service ({@link java.util.ServiceLoader}) listing the {@link T7Codec}s of one module package:
 * {@code nn-layers} and {@code nn-criteria} each register one in
 * {@code META-INF/services/io.github.nn4j.torch7.T7CodecProvider}.
 */
public interface T7CodecProvider {

    /**
     * The codecs this provider contributes.
     *
     * @return the codecs
     */
    List<T7Codec<?>> codecs();
}
