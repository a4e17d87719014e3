package io.github.nn4j.torch7;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Deep comparison of two loaded object graphs: same structure and values, and the same sharing
 * (the object-to-object correspondence must be one-to-one, so aliasing and cycles must match).
 * Keys that are tables or objects are matched through the correspondence built so far.
 */
final class T7Deep {

    private final Map<Object, Object> aToB = new IdentityHashMap<>();
    private final Map<Object, Object> bToA = new IdentityHashMap<>();

    private T7Deep() {
    }

    static void assertSameGraph(Object a, Object b) {
        new T7Deep().compare(a, b, "root");
    }

    private boolean pair(Object a, Object b, String path) {
        Object mapped = aToB.get(a);
        if (mapped != null) {
            assertSame(mapped, b, path + ": sharing differs");
            return false;
        }
        if (bToA.containsKey(b)) {
            fail(path + ": one object on the right corresponds to two on the left");
        }
        aToB.put(a, b);
        bToA.put(b, a);
        return true;
    }

    private void compare(Object a, Object b, String path) {
        if (a == null || b == null) {
            assertSame(a, b, path);
            return;
        }
        assertEquals(a.getClass(), b.getClass(), path + ": types differ");
        if (a instanceof Double x) {
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits((Double) b), path + ": " + a + " vs " + b);
        } else if (a instanceof String || a instanceof Boolean || a instanceof T7Bytes) {
            assertEquals(a, b, path);
        } else if (a instanceof T7Table ta) {
            if (pair(a, b, path)) {
                T7Table tb = (T7Table) b;
                assertEquals(ta.size(), tb.size(), path + ": table sizes differ");
                for (Map.Entry<Object, Object> e : ta.asMap().entrySet()) {
                    Object k = e.getKey();
                    Object kb = isReference(k) ? aToB.get(k) : k;
                    if (kb == null) {
                        // a reference key not met yet: find its counterpart among b's keys by structure
                        kb = matchKey(k, tb, path);
                    }
                    assertNotNull(tb.get(kb), path + ": key " + k + " missing");
                    compare(e.getValue(), tb.get(kb), path + "." + k);
                }
            }
        } else if (a instanceof T7Object oa) {
            if (pair(a, b, path)) {
                T7Object ob = (T7Object) b;
                assertEquals(oa.className(), ob.className(), path);
                assertEquals(oa.version(), ob.version(), path);
                compare(oa.header(), ob.header(), path + "<header>");
                compare(oa.payload(), ob.payload(), path + "<" + oa.className() + ">");
            }
        } else if (a instanceof T7Tensor xa) {
            if (pair(a, b, path)) {
                T7Tensor xb = (T7Tensor) b;
                assertEquals(xa.elementType(), xb.elementType(), path);
                assertArrayEquals(xa.sizes(), xb.sizes(), path + ": sizes");
                assertArrayEquals(xa.strides(), xb.strides(), path + ": strides");
                assertEquals(xa.storageOffset(), xb.storageOffset(), path + ": offset");
                compare(xa.storage(), xb.storage(), path + ".storage");
            }
        } else if (a instanceof T7Storage sa) {
            if (pair(a, b, path)) {
                T7Storage sb = (T7Storage) b;
                assertEquals(sa.elementType(), sb.elementType(), path);
                assertEquals(sa.size(), sb.size(), path);
                for (int i = 0; i < sa.size(); i++) {
                    double va = sa.getDouble(i);
                    double vb = sb.getDouble(i);
                    if (Double.doubleToLongBits(va) != Double.doubleToLongBits(vb)) {
                        fail(path + "[" + i + "]: " + va + " vs " + vb);
                    }
                }
            }
        } else if (a instanceof T7Function fa) {
            if (pair(a, b, path)) {
                T7Function fb = (T7Function) b;
                assertEquals(fa.tag(), fb.tag(), path);
                assertArrayEquals(fa.bytecode(), fb.bytecode(), path);
                compare(fa.upvalues(), fb.upvalues(), path + ".upvalues");
            }
        } else {
            fail(path + ": unexpected " + a.getClass());
        }
    }

    private static boolean isReference(Object k) {
        return !(k instanceof Double || k instanceof String || k instanceof Boolean || k instanceof T7Bytes);
    }

    private Object matchKey(Object k, T7Table tb, String path) {
        for (Object cand : tb.keys()) {
            if (isReference(cand) && !bToA.containsKey(cand) && cand.getClass() == k.getClass()) {
                return cand;
            }
        }
        fail(path + ": no counterpart for key " + k);
        return null;
    }
}
