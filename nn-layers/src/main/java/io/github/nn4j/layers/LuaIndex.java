package io.github.nn4j.layers;

import io.github.nn4j.Tensor;

/** The in-place shift of Lua's 1-based indices to Java's 0-based ones, for {@code LuaIndexed} modules. */
final class LuaIndex {

    private LuaIndex() {
    }

    /**
     * Subtracts 1 from every element.
     *
     * @param t indices as Lua stores them
     * @return {@code t}, now 0-based
     */
    static Tensor shift(Tensor t) {
        double[] a = t.data();
        for (int i = 0, n = t.numel(); i < n; i++) {
            a[i] -= 1;
        }
        return t;
    }
}
