package io.github.nn4j.examples.porting;

import java.util.List;

import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7CodecProvider;

/**
 * The README's ServiceLoader route: a provider listed in the test classpath's
 * {@code META-INF/services/io.github.nn4j.torch7.T7CodecProvider}, so {@link Swish} loads without
 * any call.
 */
// README codec provider example begin
public final class MyLabCodecs implements T7CodecProvider {   // listed in META-INF/services (see below)

    @Override
    public List<T7Codec<?>> codecs() {
        return List.of(Swish.T7);
    }
}
// README codec provider example end
