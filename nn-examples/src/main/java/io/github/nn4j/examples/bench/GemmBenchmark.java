package io.github.nn4j.examples.bench;

import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
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

import io.github.nn4j.linalg.Gemm;

/**
 * JMH benchmark of {@link Gemm#gemm} against plain EJML on the workload shapes of
 * {@link GemmShape} (the three key wide shapes first). GFLOPS = {@code 2 m n k / time}.
 *
 * <p>Run (after {@code mvn -pl nn-examples -am package -DskipTests}):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp nn-examples/target/nn4j.jar \
 *     org.openjdk.jmh.Main GemmBenchmark -p threads=1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {

    /** The product, {@code "MxNxK:form/beta"}. */
    @Param({"256x1024x784:NT/0", "1024x784x256:TN/1", "256x1024x1024:NN/0",
        "300x100x2:NT/0", "300x2x100:NN/0", "100x2x300:TN/1",
        "300x3x100:NT/0", "300x100x3:NN/0", "3x100x300:TN/1",
        "64x256x784:NT/0", "64x784x256:NN/0", "256x784x64:TN/1",
        "64x10x256:NT/0", "64x256x10:NN/0", "10x256x64:TN/1",
        "256x784x1024:NN/0", "1024x1024x256:TN/1",
        "256x10x1024:NT/0", "256x1024x10:NN/0", "10x1024x256:TN/1"})
    public String shape;

    /** Threads of the facade ({@link Gemm#setNumThreads(int)}); EJML always uses one. */
    @Param({"1"})
    public int threads;

    private GemmShape product;
    private DMatrixRMaj[] ops;

    /** Creates the operands and sets the thread count. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] spec = shape.split("/");
        product = GemmShape.parse(shape, spec[0], Double.parseDouble(spec[1]));
        ops = product.operands(42);
        Gemm.setNumThreads(threads);
    }

    /** Restores the default thread count. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Gemm.setNumThreads(1);
    }

    /**
     * The product through the facade.
     *
     * @return the result, so that the product is not optimised away
     */
    @Benchmark
    public DMatrixRMaj nn4j() {
        product.runFacade(ops);
        return ops[2];
    }

    /**
     * The same product with EJML only.
     *
     * @return the result, so that the product is not optimised away
     */
    @Benchmark
    public DMatrixRMaj ejml() {
        product.runEjml(ops);
        return ops[2];
    }
}
