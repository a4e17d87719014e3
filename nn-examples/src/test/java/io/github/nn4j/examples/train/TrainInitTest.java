package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.examples.Nn4jCommand;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.torch7.T7Bridge;

/**
 * {@code nn4j train mnist --init FILE.t7}: training starts from a saved model (fine-tuning), and a
 * model whose input or output does not fit the data is refused with one line.
 */
class TrainInitTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        String last() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    private Run train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = dir.toString();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void trainingStartsFromTheSavedModel() throws IOException {
        Path first = dir.resolve("first.t7");
        Run a = train("mnist", "--train-limit", "300", "--epochs", "2", "--hidden", "32", "--save", first.toString());
        assertEquals(0, a.code(), a.err());
        // a vanishing learning rate: the second run's model is the first one's, so the same held-out numbers
        Path again = dir.resolve("again.t7");
        Run b = train("mnist", "--train-limit", "300", "--epochs", "1", "--lr", "1e-300", "--init", first.toString(),
                "--save", again.toString());
        assertEquals(0, b.code(), b.err());
        String numbers = a.last().substring(a.last().indexOf("held-out accuracy"), a.last().indexOf(" after"));
        assertTrue(b.last().contains(numbers), a.last() + "\n" + b.last());
        // a real step on from there: the model trains on and keeps its structure
        Path tuned = dir.resolve("tuned.t7");
        Run c = train("mnist", "--train-limit", "300", "--epochs", "2", "--init", first.toString(), "--save",
                tuned.toString());
        assertEquals(0, c.code(), c.err());
        Module<?, ?> before = T7Bridge.loadModule(first);
        Module<?, ?> after = T7Bridge.loadModule(tuned);
        assertEquals(before.toString(), after.toString());
        assertTrue(after.parameters().get(0).value().maxAbsDiff(before.parameters().get(0).value()) > 0);
    }

    @Test
    void aModelThatDoesNotFitTheDataIsOneLine() throws IOException {
        Path small = dir.resolve("small.t7");
        T7Bridge.save(small, new Sequential<Tensor, Tensor>().add(new Linear(4, 3)), false);
        Run r = train("mnist", "--epochs", "1", "--init", small.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("nn4j train mnist: --init " + small + ": the model does not take mnist's samples of size [784]: "
                + "In 1 module of nn.Sequential (get(0)): nn.Linear(4 -> 3): expected input of size [N, 4] or [4], "
                + "got [2, 784]", r.err().strip());

        Path five = dir.resolve("five.t7");
        T7Bridge.save(five, new Sequential<Tensor, Tensor>().add(new Linear(784, 5)), false);
        r = train("mnist", "--epochs", "1", "--init", five.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("nn4j train mnist: --init " + five + ": the model gives outputs of size [2, 5] for 2 samples of size "
                + "[784]; mnist needs [2, 10] (one score per class)", r.err().strip());

        Path missing = dir.resolve("missing.t7");
        r = train("mnist", "--epochs", "1", "--init", missing.toString());
        assertEquals(1, r.code());
        assertEquals("nn4j train mnist: --init: cannot read " + missing + ": no such file or folder", r.err().strip());

        r = train("mnist", "--epochs", "1", "--hidden", "16", "--init", five.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--hidden does not apply with --init"), r.err());
    }
}
