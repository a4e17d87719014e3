package io.github.nn4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * JMH benchmark of loading a large {@code .t7} model against reading its bytes: a
 * {@code nn.Sequential} of {@code nn.Linear(1024, 1024)} layers, saved by nn4j with weights and
 * gradients as {@code torch.FloatTensor}s or {@code torch.DoubleTensor}s, about {@code sizeMb}
 * megabytes on disk (a temporary file written once per trial; the operating system's page cache
 * serves every iteration, the same for the three measurements).
 *
 * <ul>
 *   <li>{@code readBytes}: {@code Files.readAllBytes}, the floor;</li>
 *   <li>{@code loadObjects}: {@code Torch7.load}, the file's objects (tensors over float or
 *       double storages);</li>
 *   <li>{@code loadModule}: {@code T7Bridge.loadModule}, the runnable nn4j module (parameters
 *       as doubles).</li>
 * </ul>
 * Run it with {@code nn4j bench load}, or JMH's runner:
 * {@code java -Xmx3g -cp nn-examples/target/nn4j.jar org.openjdk.jmh.Main T7LoadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class T7LoadBenchmark {

    /** The stored tensor type: {@code float} or {@code double}. */
    @Param({"float", "double"})
    public String type;

    /** The approximate file size in megabytes (10^6 bytes). */
    @Param({"100"})
    public int sizeMb;

    private Path dir;
    private Path file;

    /**
     * Writes the model file.
     *
     * @throws IOException if it cannot be written
     */
    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("nn4j-load-bench");
        file = dir.resolve("model-" + type + ".t7");
        writeModel(file, T7ElementType.valueOf(type.toUpperCase(java.util.Locale.ROOT)), sizeMb);
    }

    /**
     * Deletes the model file.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /**
     * Writes a Sequential of {@code Linear(1024, 1024)} layers (weight, bias and their gradients)
     * with tensors of the given type, as many layers as make about {@code sizeMb} megabytes.
     *
     * @param file the file
     * @param type {@link T7ElementType#FLOAT} or {@link T7ElementType#DOUBLE}
     * @param sizeMb the approximate size in megabytes
     * @return the number of layers
     * @throws IOException if it cannot be written
     */
    public static int writeModel(Path file, T7ElementType type, int sizeMb) throws IOException {
        int n = 1024;
        long perLayer = 2L * (n * n + n) * type.byteSize(8);
        int layers = (int) Math.max(1, Math.round(sizeMb * 1e6 / perLayer));
        Sequential<Tensor, Tensor> net = new Sequential<>();
        for (int i = 0; i < layers; i++) {
            net.add(new Linear(n, n));
        }
        Object plain = T7Bridge.toT7(net);
        if (type == T7ElementType.FLOAT) {
            toFloat(plain);
        }
        Torch7.save(file, plain, false);
        return layers;
    }

    /** Replaces every DoubleTensor of a plain tree by a FloatTensor of the same values. */
    private static void toFloat(Object o) {
        T7Table t = o instanceof T7Object obj ? obj.fields() : o instanceof T7Table tt ? tt : null;
        if (t == null) {
            return;
        }
        for (Object k : new java.util.ArrayList<>(t.keys())) {
            Object v = t.get(k);
            if (v instanceof T7Tensor x && x.elementType() == T7ElementType.DOUBLE && x.numel() > 0) {
                double[] d = x.toDoubleArray();
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                t.put(k, T7Tensor.contiguous(T7Storage.wrap(f), x.sizes()));
            } else {
                toFloat(v);
            }
        }
    }

    /**
     * Reads the file's bytes.
     *
     * @return the byte count
     * @throws IOException on a read error
     */
    @Benchmark
    public int readBytes() throws IOException {
        return Files.readAllBytes(file).length;
    }

    /**
     * Loads the file's objects.
     *
     * @return the root object
     * @throws IOException on a read error
     */
    @Benchmark
    public Object loadObjects() throws IOException {
        return Torch7.load(file);
    }

    /**
     * Loads the file as a module.
     *
     * @return the module
     * @throws IOException on a read error
     */
    @Benchmark
    public Module<?, ?> loadModule() throws IOException {
        return T7Bridge.loadModule(file);
    }
}
