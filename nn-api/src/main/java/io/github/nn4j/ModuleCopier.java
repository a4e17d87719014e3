package io.github.nn4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machinery behind {@link Module#copy()} and {@link Module#share}: a deep copy that walks
 * every instance field of a module (Torch's {@code clone} does the same through serialization).
 *
 * <p>Copied deeply: {@link Tensor} (storage sharing between tensors of the module is kept),
 * {@link Table}, {@link Module}, {@link Parameter} (so a cached parameter list follows the copy),
 * {@code List}, and arrays. Everything else (numbers, strings,
 * enums, immutable configuration) is shared by reference; a module keeping other mutable state
 * must override {@link Module#copy()}.
 */
final class ModuleCopier {

    private final Map<Object, Object> copies = new IdentityHashMap<>();

    private ModuleCopier() {
    }

    static <M extends Module<?, ?>> M deepCopy(M module) {
        @SuppressWarnings("unchecked")
        M copy = (M) new ModuleCopier().copyAny(module);
        return copy;
    }

    private Object copyAny(Object o) {
        if (o == null) {
            return null;
        }
        Object done = copies.get(o);
        if (done != null) {
            return done;
        }
        if (o instanceof Tensor t) {
            double[] storage = (double[]) copyAny(t.data());
            Tensor c = Tensor.empty().viewStorage(storage, t.sizes());
            copies.put(o, c);
            return c;
        }
        if (o instanceof Table t) {
            Table c = new Table();
            copies.put(o, c);
            for (Data d : t) {
                c.add((Data) copyAny(d));
            }
            return c;
        }
        if (o instanceof Parameter p) {
            Parameter c = new Parameter(p.name(), (Tensor) copyAny(p.value()), (Tensor) copyAny(p.grad()));
            copies.put(o, c);
            return c;
        }
        if (o instanceof Module<?, ?> m) {
            Module<?, ?> c = m.clone();
            copies.put(o, c);
            copyFields(m, c);
            return c;
        }
        if (o instanceof List<?> list) {
            List<Object> c = new ArrayList<>(list.size());
            copies.put(o, c);
            for (Object e : list) {
                c.add(copyAny(e));
            }
            return c;
        }
        if (o instanceof double[] a) {
            Object c = a.clone();
            copies.put(o, c);
            return c;
        }
        if (o instanceof int[] a) {
            Object c = a.clone();
            copies.put(o, c);
            return c;
        }
        if (o instanceof long[] a) {
            Object c = a.clone();
            copies.put(o, c);
            return c;
        }
        if (o instanceof boolean[] a) {
            Object c = a.clone();
            copies.put(o, c);
            return c;
        }
        if (o instanceof Object[] a) {
            Object[] c = a.clone();
            copies.put(o, c);
            for (int i = 0; i < c.length; i++) {
                c[i] = copyAny(a[i]);
            }
            return c;
        }
        return o;
    }

    private void copyFields(Object from, Object to) {
        for (Class<?> k = from.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(to, copyAny(f.get(from)));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy field " + k.getName() + "." + f.getName()
                            + "; override copy() in " + from.getClass().getName(), e);
                }
            }
        }
    }

    static void shareFields(Module<?, ?> self, Module<?, ?> other, String[] names) {
        for (String name : names) {
            Field f = findField(self.getClass(), name);
            if (f == null) {
                continue;
            }
            try {
                f.setAccessible(true);
                Object mine = f.get(self);
                Object theirs = f.get(other);
                if (mine instanceof Tensor a && theirs instanceof Tensor b) {
                    a.set(b);
                }
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot share field " + name + " of " + self.torchTypeName(), e);
            }
        }
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                if (!Modifier.isStatic(f.getModifiers())) {
                    return f;
                }
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }
}
