package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * Misuse at the top level is an {@link IllegalArgumentException} naming the module: a null
 * input or gradOutput, a Table where a Tensor is expected (or the reverse), a container made
 * its own descendant, and constructor arguments without meaning (NaN, a negative epsilon).
 */
class ArgumentChecksTest {

    private static void refused(String name, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().startsWith(name), x.getMessage());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theWrongKindOfDataNamesTheModule() {
        Module raw = new Linear(3, 2);
        refused("nn.Linear", () -> raw.forward(Table.of(Tensor.zeros(3))));
        raw.forward(Tensor.zeros(3));
        refused("nn.Linear", () -> raw.backward(Tensor.zeros(3), Table.of(Tensor.zeros(2))));
        Module table = new CAddTable();
        refused("nn.CAddTable", () -> table.forward(Tensor.zeros(3)));
    }

    @Test
    void nullArgumentsNameTheModule() {
        Linear l = new Linear(3, 2);
        refused("nn.Linear: input is null", () -> l.forward(null));
        Tensor out = l.forward(Tensor.zeros(3));
        refused("nn.Linear: gradOutput is null", () -> l.backward(Tensor.zeros(3), null));
        refused("nn.Linear: input is null", () -> l.backward(null, out));
        Sequential<Tensor, Tensor> s = new Sequential<>();
        s.add(new Tanh());
        refused("nn.Sequential: input is null", () -> s.forward(null));
        s.forward(Tensor.zeros(2));
        refused("nn.Sequential: gradOutput is null", () -> s.backward(Tensor.zeros(2), null));
    }

    @Test
    void aContainerCannotBecomeItsOwnDescendant() {
        Sequential<Data, Data> s = new Sequential<>();
        refused("cannot add nn.Sequential to nn.Sequential", () -> s.add(s));
        refused("cannot add nn.Sequential to nn.Sequential", () -> s.insert(s, 0));
        ConcatTable<Data> c = new ConcatTable<>();
        s.add(new Identity()).add(c);
        refused("cannot add nn.Sequential to nn.ConcatTable", () -> c.add(s));
        Sequential<Data, Data> outer = new Sequential<>();
        outer.add(s);
        refused("cannot add nn.Sequential to nn.ConcatTable", () -> c.add(outer));
        assertEquals(0, c.size());
        // the same module twice is sharing, not a cycle
        Identity id = new Identity();
        c.add(id).add(id);
        assertEquals(2, c.size());
    }

    @Test
    void meaninglessConstructorArgumentsAreRefused() {
        refused("nn.Power", () -> new Power(Double.NaN));
        refused("nn.Power", () -> new Power(Double.POSITIVE_INFINITY));
        refused("nn.Threshold", () -> new Threshold(Double.NaN, 0));
        refused("nn.Threshold", () -> new Threshold(0, Double.NaN));
        refused("nn.Sqrt", () -> new Sqrt(-1));
        refused("nn.Sqrt", () -> new Sqrt(Double.NaN));
        refused("nn.MulConstant", () -> new MulConstant(Double.NaN));
        refused("nn.AddConstant", () -> new AddConstant(Double.NaN));
        refused("nn.HardTanh", () -> new HardTanh(Double.NaN, 1));
        // the boundary values stay legal
        new Sqrt(0);
        new Threshold(Double.NEGATIVE_INFINITY, 0);
        new Power(0);
    }
}
