package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7FormatException;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Options;
import io.github.nn4j.torch7.T7Reader;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.T7Writer;
import io.github.nn4j.torch7.Torch7;

/**
 * The minimal hostile files of issue #16, built with nn4j's own writer: expanded views that
 * would allocate gigabytes, tables and modules that contain themselves, nil payloads and
 * mangled class names. Each must end in a documented exception naming where it is.
 */
class T7ReliabilityTest {

    /** A one-element DoubleStorage seen through sizes with all strides 0 (Torch's {@code expand}). */
    private static T7Tensor expanded(long... sizes) {
        return new T7Tensor(T7ElementType.DOUBLE, T7Storage.wrap(new double[] {1.5}), 0, sizes, new long[sizes.length]);
    }

    private static Path file(Path dir, String name, Object value) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, new T7Writer().toBytes(value));
        return f;
    }

    @Test
    void aHugeStrideZeroTensorIsRefusedBeforeAllocating(@TempDir Path dir) throws IOException {
        Path f = file(dir, "huge.t7", expanded((1L << 31) - 9));
        assertEquals(119, Files.size(f), "the issue's 119-byte reproducer");
        T7FormatException e = assertThrows(T7FormatException.class, () -> Torch7.load(f));
        assertTrue(e.getMessage().contains("at the root") && e.getMessage().contains("2147483639"), e.getMessage());
        assertThrows(T7FormatException.class, () -> T7Bridge.loadModule(f));
    }

    @Test
    void aLinearWithAnExpandedWeightIsRefusedNamingTheField(@TempDir Path dir) throws IOException {
        T7Object linear = T7Object.withFields("nn.Linear");
        linear.fields().put("weight", expanded(20000, 20000));
        linear.fields().put("bias", expanded(20000));
        Path f = file(dir, "linear.t7", linear);
        T7FormatException e = assertThrows(T7FormatException.class, () -> T7Bridge.loadModule(f));
        assertTrue(e.getMessage().contains("at weight:"), e.getMessage());
        assertTrue(e.getMessage().contains("400000000 elements"), e.getMessage());
    }

    @Test
    void theExpandedViewLimitIsTheCallersChoice(@TempDir Path dir) throws IOException {
        T7Table t = T7Table.of("a", T7Table.listOf(expanded(3, 4)));
        Path f = file(dir, "small.t7", t);
        T7Table loaded = (T7Table) Torch7.load(f);
        T7Tensor x = (T7Tensor) ((T7Table) loaded.get("a")).get(1.0);
        assertEquals(12, x.toTensor().numel());
        T7FormatException e = assertThrows(T7FormatException.class,
                () -> new T7Reader(T7Options.defaults().withMaxExpandedElements(11)).read(f));
        assertTrue(e.getMessage().contains("at a[1]:"), e.getMessage());
        // the limit is on the total of a file: two views of 12 elements pass 24, not 23
        Path two = file(dir, "two.t7", T7Table.of("a", T7Table.listOf(expanded(3, 4), expanded(4, 3))));
        new T7Reader(T7Options.defaults().withMaxExpandedElements(24)).read(two);
        T7FormatException e2 = assertThrows(T7FormatException.class,
                () -> new T7Reader(T7Options.defaults().withMaxExpandedElements(23)).read(two));
        assertTrue(e2.getMessage().contains("at a[2]:"), e2.getMessage());
        // a view inside its storage is bounded by the storage, whatever the limit
        Path plain = file(dir, "plain.t7", T7Tensor.contiguous(T7Storage.wrap(new double[20]), 4, 5));
        assertEquals(20, ((T7Tensor) new T7Reader(T7Options.defaults().withMaxExpandedElements(1)).read(plain))
                .numel());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTableThatContainsItselfStillLoads(@TempDir Path dir) throws IOException {
        T7Table t = new T7Table();
        t.put(1.0, t);
        Path f = file(dir, "cycle.t7", t);
        Map<Object, Object> m = (Map<Object, Object>) T7Bridge.load(f);
        assertSame(m, m.get(1.0));
    }

    @Test
    void aSequentialThatContainsItselfIsRefused(@TempDir Path dir) throws IOException {
        T7Object seq = T7Object.withFields("nn.Sequential");
        seq.fields().put("modules", T7Table.listOf(seq));
        Path f = file(dir, "seq.t7", seq);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.loadModule(f));
        assertTrue(e.getMessage().startsWith("modules[1]: nn.Sequential contains itself"), e.getMessage());

        Torch7CommandTest.Result r = Torch7CommandTest.cli("torch7", "info", f.toString());
        assertTrue(r.code() != 0, r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("contains itself"), r.err());
    }

    @Test
    void aDeeperModuleCycleIsRefused(@TempDir Path dir) throws IOException {
        T7Object outer = T7Object.withFields("nn.Sequential");
        T7Object inner = T7Object.withFields("nn.Sequential");
        inner.fields().put("modules", T7Table.listOf(T7Object.withFields("nn.Identity"), outer));
        outer.fields().put("modules", T7Table.listOf(inner));
        Path f = file(dir, "seq2.t7", outer);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.loadModule(f));
        assertTrue(e.getMessage().startsWith("modules[1].modules[2]: nn.Sequential contains itself"), e.getMessage());
    }

    @Test
    void theSameModuleTwiceIsSharingNotACycle(@TempDir Path dir) throws IOException {
        T7Object seq = T7Object.withFields("nn.Sequential");
        T7Object id = T7Object.withFields("nn.Identity");
        seq.fields().put("modules", T7Table.listOf(id, id));
        Module<?, ?> m = T7Bridge.loadModule(file(dir, "shared.t7", seq));
        assertSame(((io.github.nn4j.Container<?, ?>) m).get(0), ((io.github.nn4j.Container<?, ?>) m).get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nn.Identity", "nn.Tanh", "nn.LogSoftMax", "nn.Linear", "nn.Sequential"})
    void aModuleWithANilPayloadIsAModuleException(String cls, @TempDir Path dir) throws IOException {
        Path f = file(dir, "nil.t7", new T7Object(cls, 1, null));
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.loadModule(f));
        assertTrue(e.getMessage().startsWith(cls + ": "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nn.MSECriterion", "nn.ClassNLLCriterion", "nn.CrossEntropyCriterion"})
    void aCriterionWithANilPayloadIsAModuleException(String cls, @TempDir Path dir) throws IOException {
        Path f = file(dir, "nil.t7", new T7Object(cls, 1, null));
        assertThrows(T7ModuleException.class, () -> T7Bridge.loadCriterion(f));
    }

    @Test
    void controlBytesOfAMangledClassNameArePrintedEscaped(@TempDir Path dir) throws IOException {
        T7Object seq = T7Object.withFields("nn.Sequential");
        seq.fields().put("modules", T7Table.listOf(T7Object.withFields("nn.Li\u0001ne\u001b[2Jar\n")));
        Path f = file(dir, "mangled.t7", seq);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.loadModule(f));
        assertTrue(e.getMessage().contains("nn.Li\\x01ne\\x1b[2Jar\\x0a"), e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20 || c == 0x7f), e.getMessage());
    }

    @Test
    void anExpandedTensorWithinTheLimitConvertsToItsValues(@TempDir Path dir) throws IOException {
        Tensor t = (Tensor) T7Bridge.load(file(dir, "ok.t7", expanded(2, 3)));
        assertEquals(6, t.numel());
        for (int i = 0; i < 6; i++) {
            assertEquals(1.5, t.data()[i]);
        }
    }
}
