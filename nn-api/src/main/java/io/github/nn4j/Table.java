package io.github.nn4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered list of {@link Data} (Lua's array table, as table modules such as
 * {@code CAddTable}, {@code ConcatTable} or {@code JoinTable} take and give).
 *
 * <p>Indices are 0-based (Lua's are 1-based: Lua's {@code t[1]} is {@code get(0)} here).
 * Entries may be tensors or nested tables. A table holds references: modules put their own
 * buffers in it, as Torch does.
 */
public final class Table implements Data, Iterable<Data> {

    private final List<Data> entries;

    /** An empty table. */
    public Table() {
        this.entries = new ArrayList<>();
    }

    private Table(List<Data> entries) {
        this.entries = entries;
    }

    /**
     * A table of the given entries, in order (references, not copies).
     *
     * @param entries the entries
     * @return a new table
     */
    public static Table of(Data... entries) {
        Table t = new Table();
        Collections.addAll(t.entries, entries);
        return t;
    }

    /**
     * A table of the given entries, in order (references, not copies).
     *
     * @param entries the entries
     * @return a new table
     */
    public static Table of(List<? extends Data> entries) {
        return new Table(new ArrayList<>(entries));
    }

    /**
     * The number of entries.
     *
     * @return the length (Lua's {@code #t})
     */
    public int size() {
        return entries.size();
    }

    /**
     * One entry.
     *
     * @param index 0-based
     * @return the entry (not a copy)
     */
    public Data get(int index) {
        checkIndex(index);
        return entries.get(index);
    }

    /**
     * One entry that must be a tensor.
     *
     * @param index 0-based
     * @return the tensor (not a copy)
     * @throws IllegalArgumentException if the entry is a table
     */
    public Tensor tensor(int index) {
        Data d = get(index);
        if (d instanceof Tensor t) {
            return t;
        }
        throw new IllegalArgumentException("entry " + index + " is a table " + d.shapeString()
                + ", expected a tensor");
    }

    /**
     * One entry that must be a table.
     *
     * @param index 0-based
     * @return the table (not a copy)
     * @throws IllegalArgumentException if the entry is a tensor
     */
    public Table table(int index) {
        Data d = get(index);
        if (d instanceof Table t) {
            return t;
        }
        throw new IllegalArgumentException("entry " + index + " is a tensor " + d.shapeString()
                + ", expected a table");
    }

    /**
     * Appends an entry.
     *
     * @param d the entry
     * @return this
     */
    public Table add(Data d) {
        entries.add(d);
        return this;
    }

    /**
     * Replaces the entry at {@code index}, or appends when {@code index == size()}.
     *
     * @param index 0-based, at most {@code size()}
     * @param d the entry
     * @return this
     */
    public Table set(int index, Data d) {
        if (index == entries.size()) {
            entries.add(d);
        } else {
            checkIndex(index);
            entries.set(index, d);
        }
        return this;
    }

    /**
     * Removes entries past {@code newSize} (Torch's table modules trim their gradInput when
     * fewer inputs arrive).
     *
     * @param newSize the number of entries to keep
     * @return this
     */
    public Table truncate(int newSize) {
        while (entries.size() > newSize) {
            entries.remove(entries.size() - 1);
        }
        return this;
    }

    /**
     * Removes every entry.
     *
     * @return this
     */
    public Table clear() {
        entries.clear();
        return this;
    }

    /**
     * An unmodifiable view of the entries.
     *
     * @return the entries
     */
    public List<Data> asList() {
        return Collections.unmodifiableList(entries);
    }

    @Override
    public Iterator<Data> iterator() {
        return asList().iterator();
    }

    @Override
    public Table deepCopy() {
        Table t = new Table();
        for (Data d : entries) {
            t.entries.add(d.deepCopy());
        }
        return t;
    }

    @Override
    public Table zerosLike() {
        Table t = new Table();
        for (Data d : entries) {
            t.entries.add(d.zerosLike());
        }
        return t;
    }

    @Override
    public String shapeString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(entries.get(i).shapeString());
        }
        return sb.append('}').toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{\n");
        for (int i = 0; i < entries.size(); i++) {
            Data d = entries.get(i);
            String inner = d instanceof Tensor t && t.numel() > 0
                    ? "DoubleTensor - size: " + String.join("x", sizeParts(t))
                    : d.toString();
            sb.append("  ").append(i).append(" : ").append(inner.replace("\n", "\n  ")).append('\n');
        }
        return sb.append('}').toString();
    }

    private static String[] sizeParts(Tensor t) {
        int[] s = t.sizes();
        String[] parts = new String[s.length];
        for (int i = 0; i < s.length; i++) {
            parts[i] = Integer.toString(s[i]);
        }
        return parts;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= entries.size()) {
            throw new IndexOutOfBoundsException(
                    "index " + index + " out of range for a table of " + entries.size() + " entries");
        }
    }
}
