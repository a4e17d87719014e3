package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Summary;
import io.github.nn4j.Tensor;

/** Issue #15 item 9: the per-layer summary. */
class SummaryTest {

    @Test
    void eachModuleHasItsOutputShapeAndItsParameters() {
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new Linear(784, 256)).add(new ReLU()).add(new Dropout(0.5)).add(new Linear(256, 10));
        Summary s = Summary.of(net, 64, 784);

        List<Summary.Row> rows = s.rows();
        assertEquals(5, rows.size());
        assertEquals(new Summary.Row("", 0, "nn.Sequential", "[64, 10]", 0), rows.get(0));
        assertEquals(new Summary.Row("0", 1, "nn.Linear(784 -> 256)", "[64, 256]", 784 * 256 + 256), rows.get(1));
        assertEquals(new Summary.Row("1", 1, "nn.ReLU", "[64, 256]", 0), rows.get(2));
        assertEquals("[64, 256]", rows.get(3).outputShape());
        assertEquals(new Summary.Row("3", 1, "nn.Linear(256 -> 10)", "[64, 10]", 256 * 10 + 10), rows.get(4));
        assertEquals(784 * 256 + 256 + 256 * 10 + 10, s.totalParameters());
        assertEquals(0, net.output().numel(), "the network itself ran nothing");
        assertTrue(net.get(2).isTraining(), "nor changed mode");

        String table = s.toString();
        assertEquals(1 + 1 + 5 + 1, table.lines().count(), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("0 +  nn\\.Linear\\(784 -> 256\\) +\\[64, 256\\] +200,960")), table);
        assertTrue(table.endsWith("total: 203,530 parameters"), table);
    }

    @Test
    void nestedContainersAndTablesAreListed() {
        ConcatTable<Tensor> branches = new ConcatTable<Tensor>().add(new Linear(3, 2)).add(new Identity());
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(branches).add(new JoinTable(0));
        Summary s = Summary.of(net, 3);
        assertEquals("{[2], [3]}", s.rows().get(1).outputShape());
        assertEquals("0.0", s.rows().get(2).path());
        assertEquals(2, s.rows().get(2).depth());
        assertEquals("[5]", s.rows().get(0).outputShape());
        assertEquals(8, s.totalParameters());
    }
}
