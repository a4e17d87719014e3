package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Container;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

/**
 * The inception block of GoogLeNet (Szegedy et al., "Going Deeper with Convolutions", 2014) as
 * dpnn builds it (Element-Research/dpnn {@code Inception.lua}, commit {@code c0a8ca6f}: an
 * {@code nn.Decorator} around one {@link DepthConcat} along the planes; OpenFace's models are
 * made of it). For {@code n} kernel sizes the DepthConcat has up to {@code n + 2} columns, each a
 * {@link Sequential}:
 * <ol>
 *   <li>for each {@code i < n}: 1×1 convolution to {@code reduceSize[i]} planes (stride
 *       {@code reduceStride[i]}) [→ {@link SpatialBatchNormalization}] → transfer →
 *       {@code k×k} convolution to {@code outputSize[i]} planes, {@code k = kernelSize[i]}, stride
 *       {@code kernelStride[i]}, padding {@code ⌊k/2⌋} when {@code padding} [→ SBN] → transfer;</li>
 *   <li>the pooling module [→ 1×1 convolution to {@code reduceSize[n]} → SBN → transfer, when
 *       given];</li>
 *   <li>when {@code reduceSize[n + 1]} is given: 1×1 convolution → [SBN] → transfer.</li>
 * </ol>
 * Each transfer is a copy of the {@code transfer} prototype ({@link ReLU} by default); the SBNs
 * are there when {@code batchNorm}. The forward, backward and parameters are the DepthConcat's,
 * which zero-pads smaller columns and centres them.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code C = inputSize})</caption>
 *   <tr><th>tensor</th><th>batch</th><th>one sample</th></tr>
 *   <tr><td>input, gradInput</td><td>{@code [N, C, H, W]}</td><td>{@code [C, H, W]}</td></tr>
 *   <tr><td>output, gradOutput</td><td>{@code [N, Σ columns' planes, H', W']}</td><td>{@code [Σ planes, H', W']}</td></tr>
 * </table>
 *
 * <p>Prints as dpnn's Decorator: {@code nn.Inception @ } followed by the DepthConcat's tree. The
 * {@code .t7} form is dpnn's: {@code modules} (the DepthConcat), the configuration fields
 * ({@code inputSize}, {@code outputSize}, {@code reduceSize}, {@code reduceStride},
 * {@code kernelSize}, {@code kernelStride}, {@code poolSize}, {@code poolStride}, {@code padding},
 * {@code batchNorm}), {@code pool} (the same object as the pooling module in its column) and
 * {@code transfer} (the prototype). A file is read from its {@code modules}, so a block whose
 * columns were edited after construction loads as it is; the configuration is kept for saving.
 * dpnn before 2017-02-22 (OpenFace's files) also stores the DepthConcat as {@code module}:
 * nn4j reads either and always writes both, so old and new dpnn load the saved file.
 * <b>Difference from dpnn:</b> a {@code [C, H, W]} sample runs as a batch of one (dpnn's
 * {@code toBatch}/{@code fromBatch} fail on it).
 */
public class Inception extends Container<Tensor, Tensor> {

    /** The configuration fields, {@code modules}, {@code module}, {@code pool}, {@code transfer}. */
    static final T7Codec<Inception> T7 = LuaFields.codec("nn.Inception", Inception.class, Inception::read,
            Inception::write);

    // dpnn's configuration fields, as given or read (0 = nil), kept for saving
    private final int inputSize;
    private final int[] outputSize;
    private final int[] reduceSize;
    private final int[] reduceStride;
    private final int[] kernelSize;
    private final int[] kernelStride;
    private final int poolSize;
    private final int poolStride;
    private final boolean padding;
    private final boolean batchNorm;
    /** The pooling module: the same object as the one in its column. */
    private final Module<Tensor, Tensor> pool;
    /** The transfer function prototype (not in the tree). */
    private final Module<Tensor, Tensor> transfer;
    private final Module<Tensor, Tensor> concat;
    private final Tensor inView = Tensor.empty();
    private final Tensor outView = Tensor.empty();
    private final int[] batchShape = new int[4];
    private final int[] sampleShape = new int[3];
    private final int[] gradShape = new int[3];

    /**
     * The configuration of an {@link Inception} block, with dpnn's defaults: kernel sizes
     * {@code {5, 3}}, strides 1, {@code ReLU}, padding, no batch normalisation, pooling
     * {@code SpatialMaxPooling(poolSize, poolSize, poolStride, poolStride)} with
     * {@code poolSize} 3 and {@code poolStride} 1. Sizes absent in dpnn's tables ({@code nil}) are
     * 0 here.
     */
    public static final class Config {
        private final int inputSize;
        private final int[] outputSize;
        private final int[] reduceSize;
        private int[] reduceStride = new int[0];
        private int[] kernelSize = {5, 3};
        private int[] kernelStride = {1, 1};
        private int poolSize = 3;
        private int poolStride = 1;
        private Module<Tensor, Tensor> pool;
        private Module<Tensor, Tensor> transfer = new ReLU();
        private boolean padding = true;
        private boolean batchNorm;

        /**
         * The required fields.
         *
         * @param inputSize the input planes
         * @param outputSize the planes of each {@code k×k} convolution, one per kernel size
         * @param reduceSize the planes of each column's 1×1 convolution: one per kernel size, then
         *     (optional) the pooling column's and the 1×1-only column's; 0 = none
         */
        public Config(int inputSize, int[] outputSize, int[] reduceSize) {
            this.inputSize = inputSize;
            this.outputSize = outputSize.clone();
            this.reduceSize = reduceSize.clone();
        }

        /** @param sizes the kernel sizes (default {@code {5, 3}}) @return this */
        public Config kernelSize(int... sizes) {
            kernelSize = sizes.clone();
            return this;
        }

        /** @param strides the {@code k×k} convolutions' strides (default 1) @return this */
        public Config kernelStride(int... strides) {
            kernelStride = strides.clone();
            return this;
        }

        /** @param strides the 1×1 convolutions' strides, per column (0 or absent = 1) @return this */
        public Config reduceStride(int... strides) {
            reduceStride = strides.clone();
            return this;
        }

        /** @param size the default pooling's window (default 3) @return this */
        public Config poolSize(int size) {
            poolSize = size;
            return this;
        }

        /** @param stride the default pooling's stride (default 1) @return this */
        public Config poolStride(int stride) {
            poolStride = stride;
            return this;
        }

        /** @param module the pooling module (used as it is, not copied) @return this */
        public Config pool(Module<Tensor, Tensor> module) {
            pool = module;
            return this;
        }

        /** @param module the transfer function prototype (copied for each use; default ReLU) @return this */
        public Config transfer(Module<Tensor, Tensor> module) {
            transfer = module;
            return this;
        }

        /** @param on whether the {@code k×k} convolutions pad by {@code ⌊k/2⌋} (default true) @return this */
        public Config padding(boolean on) {
            padding = on;
            return this;
        }

        /** @param on whether a SpatialBatchNormalization follows each convolution (default false) @return this */
        public Config batchNorm(boolean on) {
            batchNorm = on;
            return this;
        }

        private int at(int[] a, int i) {
            return i < a.length ? a[i] : 0;
        }

        /** The given pooling module, or a new default one. */
        private Module<Tensor, Tensor> poolModule() {
            return pool != null ? pool : new SpatialMaxPooling(poolSize, poolSize, poolStride, poolStride);
        }
    }

    /**
     * A block built as dpnn's constructor builds it (new parameters, Torch's initialisation).
     *
     * @param config the configuration
     * @throws IllegalArgumentException if a per-kernel table is shorter than {@code kernelSize}
     *     or a size is not positive
     */
    public Inception(Config config) {
        this(config, config.poolModule());
    }

    private Inception(Config config, Module<Tensor, Tensor> pool) {
        this(build(config, pool), config, pool);
    }

    private Inception(Module<Tensor, Tensor> concat, Config c, Module<Tensor, Tensor> pool) {
        super(Tensor.empty(), Tensor.empty());
        this.inputSize = c.inputSize;
        this.outputSize = c.outputSize.clone();
        this.reduceSize = c.reduceSize.clone();
        this.reduceStride = c.reduceStride.clone();
        this.kernelSize = c.kernelSize.clone();
        this.kernelStride = c.kernelStride.clone();
        this.poolSize = c.poolSize;
        this.poolStride = c.poolStride;
        this.padding = c.padding;
        this.batchNorm = c.batchNorm;
        this.pool = pool;
        this.transfer = c.transfer;
        this.concat = concat;
        add(concat);
    }

    private static DepthConcat build(Config c, Module<Tensor, Tensor> pool) {
        int n = c.kernelSize.length;
        if (c.outputSize.length < n || c.reduceSize.length < n || c.kernelStride.length < n) {
            throw new IllegalArgumentException("nn.Inception: outputSize, reduceSize and kernelStride need one entry per"
                    + " kernel size (" + n + "), got " + c.outputSize.length + ", " + c.reduceSize.length + ", "
                    + c.kernelStride.length);
        }
        DepthConcat dc = new DepthConcat(1);
        for (int i = 0; i < n; i++) {
            Sequential<Tensor, Tensor> mlp = new Sequential<>();
            int rs = Math.max(1, c.at(c.reduceStride, i));
            mlp.add(new SpatialConvolution(c.inputSize, c.reduceSize[i], 1, 1, rs, rs));
            addNormAndTransfer(mlp, c, c.reduceSize[i]);
            int k = c.kernelSize[i];
            int pad = c.padding ? k / 2 : 0;
            mlp.add(new SpatialConvolution(c.reduceSize[i], c.outputSize[i], k, k, c.kernelStride[i], c.kernelStride[i],
                    pad, pad));
            addNormAndTransfer(mlp, c, c.outputSize[i]);
            dc.add(mlp);
        }
        Sequential<Tensor, Tensor> poolColumn = new Sequential<>();
        poolColumn.add(pool);
        if (c.at(c.reduceSize, n) > 0) {
            int rs = Math.max(1, c.at(c.reduceStride, n));
            poolColumn.add(new SpatialConvolution(c.inputSize, c.reduceSize[n], 1, 1, rs, rs));
            addNormAndTransfer(poolColumn, c, c.reduceSize[n]);
        }
        dc.add(poolColumn);
        if (c.at(c.reduceSize, n + 1) > 0) {
            Sequential<Tensor, Tensor> mlp = new Sequential<>();
            int rs = Math.max(1, c.at(c.reduceStride, n + 1));
            mlp.add(new SpatialConvolution(c.inputSize, c.reduceSize[n + 1], 1, 1, rs, rs));
            addNormAndTransfer(mlp, c, c.reduceSize[n + 1]);
            dc.add(mlp);
        }
        return dc;
    }

    private static void addNormAndTransfer(Sequential<Tensor, Tensor> mlp, Config c, int planes) {
        if (c.batchNorm) {
            mlp.add(new SpatialBatchNormalization(planes));
        }
        mlp.add(c.transfer.copy());
    }

    /**
     * The DepthConcat that computes the block.
     *
     * @return the decorated module
     */
    public Module<Tensor, Tensor> module() {
        return concat;
    }

    /** @return the input planes (dpnn's {@code inputSize}) */
    public int inputSize() {
        return inputSize;
    }

    /** {@code nn.Inception @ nn.DepthConcat}: the first line of {@link #toString()}, for messages. */
    private String name() {
        return "nn.Inception @ " + concat.torchTypeName();
    }

    private boolean sample(Tensor input) {
        if (input.dim() != 3 && input.dim() != 4 || input.size(input.dim() - 3) != inputSize) {
            throw new IllegalArgumentException(name() + ": expected input of size [N, " + inputSize + ", H, W] or ["
                    + inputSize + ", H, W], got " + input.shapeString());
        }
        return input.dim() == 3;
    }

    private Tensor batchView(Tensor t, Tensor view) {
        batchShape[0] = 1;
        for (int k = 0; k < 3; k++) {
            batchShape[k + 1] = t.size(k);
        }
        return view.setView(t, batchShape);
    }

    private static Tensor sampleView(Tensor into, Tensor t, int[] shape) {
        for (int k = 0; k < 3; k++) {
            shape[k] = t.size(k + 1);
        }
        return into.setView(t, shape);
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        boolean one = sample(input);
        try {
            if (!one) {
                return output.set(concat.updateOutput(input));
            }
            return sampleView(output, concat.updateOutput(batchView(input, inView)), sampleShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + ": input of size " + input.shapeString() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!sample(input)) {
            return gradInput.set(concat.updateGradInput(input, gradOutput));
        }
        Tensor g = concat.updateGradInput(batchView(input, inView), batchOf(gradOutput));
        return sampleView(gradInput, g, gradShape);
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        if (!sample(input)) {
            concat.accGradParameters(input, gradOutput, scale);
        } else {
            concat.accGradParameters(batchView(input, inView), batchOf(gradOutput), scale);
        }
    }

    @Override
    public Tensor backward(Tensor input, Tensor gradOutput, double scale) {
        if (!sample(input)) {
            return gradInput.set(concat.backward(input, gradOutput, scale));
        }
        Tensor g = concat.backward(batchView(input, inView), batchOf(gradOutput), scale);
        return sampleView(gradInput, g, gradShape);
    }

    private Tensor batchOf(Tensor gradOutput) {
        if (gradOutput.dim() != 3) {
            throw new IllegalArgumentException(name() + ": gradOutput of size " + gradOutput.shapeString()
                    + " for a 3-D input");
        }
        int[] s = {1, gradOutput.size(0), gradOutput.size(1), gradOutput.size(2)};
        return outView.setView(gradOutput, s);
    }

    @Override
    public Inception clearState() {
        super.clearState();
        return this;
    }

    @Override
    public String toString() {
        return "nn.Inception @ " + concat;
    }

    // ------------------------------------------------------------------ .t7

    @SuppressWarnings("unchecked")
    private static Module<Tensor, Tensor> tensorModule(Module<?, ?> m) {
        // a module read from a file: its types are only known at run time, as in Lua
        return (Module<Tensor, Tensor>) m;
    }

    private static Inception read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        List<Module<?, ?>> children = in.children(o);
        Module<?, ?> concat;
        if (children.size() == 1) {
            concat = children.get(0);
        } else if (children.isEmpty() && o.get("module") != null) {
            concat = in.module(o.get("module"), "module");
        } else {
            throw in.error("nn.Inception: expected one module (its DepthConcat), got " + children.size());
        }
        Config c = new Config(o.getInt("inputSize"), ints(o, "outputSize", in), ints(o, "reduceSize", in));
        if (o.get("kernelSize") != null) {
            c.kernelSize = ints(o, "kernelSize", in);
        }
        if (o.get("kernelStride") != null) {
            c.kernelStride = ints(o, "kernelStride", in);
        }
        if (o.get("reduceStride") != null) {
            c.reduceStride = ints(o, "reduceStride", in);
        }
        c.poolSize = o.getInt("poolSize", 3);
        c.poolStride = o.getInt("poolStride", 1);
        c.padding = o.get("padding") == null || LuaFields.truthy(o.get("padding"));
        c.batchNorm = LuaFields.truthy(o.get("batchNorm"));
        if (o.get("pool") != null) {
            c.pool = tensorModule(in.module(o.get("pool"), "pool"));
        }
        if (o.get("transfer") != null) {
            c.transfer = tensorModule(in.module(o.get("transfer"), "transfer"));
        }
        return new Inception(tensorModule(concat), c, c.poolModule());
    }

    /** A Lua array of numbers with possible holes ({@code nil} entries) as an {@code int[]} with 0 there. */
    private static int[] ints(T7Object o, String key, T7Bridge.Reading in) throws T7ModuleException {
        Object v = o.get(key);
        if (!(v instanceof T7Table t)) {
            throw in.error("nn.Inception: field " + key + " should be a Lua table of numbers, got "
                    + (v == null ? "nothing" : v.getClass().getSimpleName()));
        }
        int n = 0;
        for (Object k : t.keys()) {
            if (!(k instanceof Double d) || d != Math.rint(d) || d < 1 || d > 1 << 16) {
                throw in.error("nn.Inception: field " + key + " has the key " + k + ", not a Lua array index");
            }
            n = Math.max(n, (int) (double) d);
        }
        int[] out = new int[n];
        for (Object k : t.keys()) {
            Object x = t.get(k);
            if (!(x instanceof Double d) || d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                throw in.error("nn.Inception: field " + key + " holds " + x + ", not a size");
            }
            out[(int) (double) (Double) k - 1] = (int) (double) d;
        }
        return out;
    }

    private static T7Table table(int[] values) {
        T7Table t = new T7Table();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                t.put((double) (i + 1), (double) values[i]);
            }
        }
        return t;
    }

    private static void write(Inception m, T7Table f, T7Bridge.Writing out) throws T7ModuleException {
        LuaFields.writeChildren(m, f, out);
        f.put("module", out.convert(m.concat));
        f.put("inputSize", (double) m.inputSize);
        f.put("outputSize", table(m.outputSize));
        f.put("reduceSize", table(m.reduceSize));
        f.put("reduceStride", table(m.reduceStride));
        f.put("kernelSize", table(m.kernelSize));
        f.put("kernelStride", table(m.kernelStride));
        f.put("poolSize", (double) m.poolSize);
        f.put("poolStride", (double) m.poolStride);
        f.put("padding", m.padding);
        f.put("batchNorm", m.batchNorm);
        f.put("pool", out.convert(m.pool));
        f.put("transfer", out.convert(m.transfer));
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Inception training() {
        super.training();
        return this;
    }

    @Override
    public Inception evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Inception reset() {
        super.reset();
        return this;
    }

    @Override
    public Inception reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
