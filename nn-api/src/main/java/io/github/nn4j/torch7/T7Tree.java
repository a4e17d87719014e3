package io.github.nn4j.torch7;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The object tree of a {@code .t7} file as read ({@link Torch7#load}), printed for a person: every
 * object with its class and version, every field, tensors with their type and shape, and the
 * objects the file references more than once marked, so a file whose classes nn4j does not know
 * can be read before a codec is written for it ({@code nn4j torch7 info --raw FILE}).
 *
 * <pre>
 * nn.Sequential (V 1)
 *   modules = table [2]
 *     [1] = nn.MyLayer (V 1) &amp;1
 *       scale = 0.5
 *       weight = torch.FloatTensor 4x3
 *     [2] = *1
 *   output = torch.DoubleTensor empty
 *   train = true
 * </pre>
 *
 * <ul>
 *   <li>{@code &N} marks an object, table, tensor or function that the file references more than
 *       once, where it is printed; {@code *N} is every further reference to it (Torch's
 *       serialiser writes it once and refers back to it, so the objects are the same after
 *       loading). A storage shared by several tensors (views, flattened parameters) is marked
 *       {@code storage &N} / {@code storage *N} on the tensors.</li>
 *   <li>A tensor prints its class as stored (e.g. {@code torch.CudaTensor}), its sizes ({@code empty} without elements), its strides when
 *       not contiguous, and its 0-based storage offset when not 0; storages print their class and
 *       size, with the values when there are at most 16 (e.g. cuDNN's {@code iSize}).</li>
 *   <li>Numeric keys come first in increasing order, then string keys in alphabetical order; a
 *       class with a header object before its fields (nngraph's {@code nn.GPU}, cunn's
 *       {@code nn.DataParallelTable}) prints it as {@code (header)}. Functions print the size of
 *       their dumped bytecode, then their upvalues.</li>
 * </ul>
 */
public final class T7Tree {

    /** Values printed for a storage of at most this many elements. */
    private static final int SMALL_STORAGE = 16;
    /** Characters of a string printed before it is cut. */
    private static final int LONG_STRING = 80;

    private final IdentityHashMap<Object, Integer> references = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Integer> labels = new IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private T7Tree() {
    }

    /**
     * The tree of a value read by {@link Torch7#load}, one line per object, field and element.
     *
     * @param root the value: a {@link T7Object}, {@link T7Table}, {@link T7Tensor},
     *     {@link T7Storage}, {@link T7Function}, number, string or boolean
     * @return the printed tree, lines separated by {@code \n}, ending with one
     */
    public static String of(Object root) {
        T7Tree t = new T7Tree();
        t.count(root);
        t.line(0, "", root);
        return t.out.toString();
    }

    // ------------------------------------------------------------------ references

    /** Counts the references to every object, iteratively (files nest deeply). */
    private void count(Object root) {
        List<Object> todo = new ArrayList<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (!isReference(o)) {
                continue;
            }
            int n = references.merge(o, 1, Integer::sum);
            if (n > 1) {
                continue;
            }
            if (o instanceof T7Object obj) {
                if (obj.header() != null) {
                    todo.add(obj.header());
                }
                if (obj.payload() != null) {
                    todo.add(obj.payload());
                }
            } else if (o instanceof T7Table t) {
                for (Map.Entry<Object, Object> e : t.asMap().entrySet()) {
                    todo.add(e.getKey());
                    todo.add(e.getValue());
                }
            } else if (o instanceof T7Tensor t && t.storage() != null) {
                todo.add(t.storage());
            } else if (o instanceof T7Function f && f.upvalues() != null) {
                todo.add(f.upvalues());
            }
        }
    }

    private static boolean isReference(Object o) {
        return o instanceof T7Object || o instanceof T7Table || o instanceof T7Tensor || o instanceof T7Storage
                || o instanceof T7Function;
    }

    /**
     * {@code " &N"} the first time a shared value is printed, {@code null} if it is not shared;
     * {@code "*N"} (returned with a leading {@code '*'}) when it was printed before.
     */
    private String mark(Object o) {
        if (references.getOrDefault(o, 0) < 2) {
            return null;
        }
        Integer l = labels.get(o);
        if (l != null) {
            return "*" + l;
        }
        int n = labels.size() + 1;
        labels.put(o, n);
        return "&" + n;
    }

    // ------------------------------------------------------------------ printing

    private void line(int depth, String prefix, Object v) {
        out.append("  ".repeat(depth)).append(prefix);
        String m = isReference(v) && !(v instanceof T7Storage) ? mark(v) : null;
        if (m != null && m.startsWith("*")) {
            out.append(m).append(" (").append(kind(v)).append(", printed above)\n");
            return;
        }
        String suffix = m == null ? "" : " " + m;
        if (v instanceof T7Object o) {
            out.append(o.className()).append(" (V ").append(o.version()).append(')').append(suffix).append('\n');
            if (o.header() != null) {
                line(depth + 1, "(header) = ", o.header());
            }
            if (o.payload() instanceof T7Table t) {
                entries(depth + 1, t);
            } else if (o.payload() != null) {
                line(depth + 1, "(payload) = ", o.payload());
            }
        } else if (v instanceof T7Table t) {
            out.append("table [").append(t.size()).append(']').append(suffix).append('\n');
            entries(depth + 1, t);
        } else if (v instanceof T7Tensor t) {
            out.append(tensor(t)).append(suffix).append('\n');
        } else if (v instanceof T7Storage s) {
            out.append(storage(s)).append('\n');
        } else if (v instanceof T7Function f) {
            out.append("function (").append(f.bytecodeSize()).append(" bytes of bytecode)").append(suffix)
                    .append('\n');
            if (f.upvalues() != null) {
                line(depth + 1, "(upvalues) = ", f.upvalues());
            }
        } else {
            out.append(scalar(v)).append('\n');
        }
    }

    private void entries(int depth, T7Table t) {
        List<Map.Entry<Object, Object>> list = new ArrayList<>(t.asMap().entrySet());
        list.sort(Comparator.comparing((Map.Entry<Object, Object> e) -> keyRank(e.getKey()))
                .thenComparing(e -> e.getKey() instanceof Double d ? d : 0.0)
                .thenComparing(e -> e.getKey() instanceof String s ? s : ""));
        for (Map.Entry<Object, Object> e : list) {
            line(depth, key(e.getKey()) + " = ", e.getValue());
        }
    }

    private static int keyRank(Object k) {
        return k instanceof Double ? 0 : k instanceof String ? 1 : 2;
    }

    private String key(Object k) {
        if (k instanceof Double d) {
            return "[" + number(d) + "]";
        }
        if (k instanceof String s) {
            return s;
        }
        if (k instanceof Boolean b) {
            return "[" + b + "]";
        }
        String m = isReference(k) ? mark(k) : null;
        return "[" + kind(k) + (m == null ? "" : " " + m) + "]";
    }

    private String tensor(T7Tensor t) {
        StringBuilder sb = new StringBuilder(t.storedClassName()).append(' ');
        if (t.numel() == 0) {
            sb.append("empty");
            if (t.dim() > 0) {
                sb.append(" (").append(dims(t.sizes())).append(')');
            }
        } else {
            sb.append(dims(t.sizes()));
            if (!t.isContiguous()) {
                sb.append(" stride ").append(joined(t.strides(), ","));
            }
            if (t.storageOffset() != 0) {
                sb.append(" offset ").append(t.storageOffset());
            }
        }
        if (t.storage() != null) {
            String m = mark(t.storage());
            if (m != null) {
                sb.append(" storage ").append(m);
                if (m.startsWith("&")) {
                    sb.append(" (").append(t.storage().storedClassName()).append(" [").append(t.storage().size()).append("])");
                }
            }
        }
        return sb.toString();
    }

    private String storage(T7Storage s) {
        StringBuilder sb = new StringBuilder(s.storedClassName()).append(" [").append(s.size()).append(']');
        String m = mark(s);
        if (m != null && m.startsWith("*")) {
            return m + " (" + s.storedClassName() + ", printed above)";
        }
        if (s.size() <= SMALL_STORAGE && s.elementType() != T7ElementType.CHAR
                && s.elementType() != T7ElementType.BYTE) {
            sb.append(" {");
            for (int i = 0; i < s.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(number(s.getDouble(i)));
            }
            sb.append('}');
        }
        return m == null ? sb.toString() : sb.append(' ').append(m).toString();
    }

    private static String dims(long[] sizes) {
        return joined(sizes, "x");
    }

    private static String joined(long[] v, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : sep).append(v[i]);
        }
        return sb.toString();
    }

    private static String kind(Object v) {
        if (v instanceof T7Object o) {
            return o.className();
        }
        if (v instanceof T7Table) {
            return "table";
        }
        if (v instanceof T7Tensor t) {
            return t.storedClassName();
        }
        if (v instanceof T7Storage s) {
            return s.storedClassName();
        }
        if (v instanceof T7Function) {
            return "function";
        }
        return scalar(v);
    }

    private static String scalar(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof String s) {
            return quoted(s);
        }
        return String.valueOf(v);
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), LONG_STRING);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
        if (s.length() > n) {
            sb.append("... (").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }
}
