package io.github.nn4j.layers;

import java.util.List;
import java.util.function.Supplier;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7CodecProvider;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;

/**
 * Loading codecs for the cuDNN classes of soumith/cudnn.torch ({@code cudnn/*.lua}, commit
 * {@code 008c49de}) whose maths is that of an {@code nn} module: a {@code cudnn.X} object loads as
 * the Java {@code nn.X} module, its cuDNN book-keeping ({@code iSize}, {@code pad}, {@code stride},
 * {@code convDescData}, {@code autotunerHash}, {@code *_offset}, {@code input_slice},
 * {@code output_slice}, {@code mode}, {@code nElem}, {@code save_mean}, {@code save_std},
 * {@code scaleT}, ...) ignored. The {@code torch.Cuda*Tensor} data of such files is read as CPU data
 * by the reader ({@link io.github.nn4j.torch7.T7ElementType}).
 *
 * <p>Saving writes the plain {@code nn} class: this provider is listed after {@link LayersT7Codecs}
 * in {@code META-INF/services}, so each Java class keeps its {@code nn} codec for writing.
 *
 * <table>
 *   <caption>cuDNN classes read</caption>
 *   <tr><th>Torch class</th><th>loads as</th><th>note</th></tr>
 *   <tr><td>cudnn.SpatialConvolution</td><td>{@link SpatialConvolution}</td><td>{@code groups} kept (a grouped
 *     convolution)</td></tr>
 *   <tr><td>cudnn.SpatialFullConvolution</td><td>{@link SpatialFullConvolution}</td><td></td></tr>
 *   <tr><td>cudnn.SpatialDilatedConvolution</td><td>{@link SpatialDilatedConvolution}</td><td>{@code groups}
 *     must be 1</td></tr>
 *   <tr><td>cudnn.VolumetricConvolution</td><td>{@link VolumetricConvolution}</td><td>{@code groups} must be 1</td></tr>
 *   <tr><td>cudnn.ReLU, cudnn.Tanh, cudnn.Sigmoid</td><td>{@link ReLU}, {@link Tanh}, {@link Sigmoid}</td><td>{@code inplace} kept for ReLU</td></tr>
 *   <tr><td>cudnn.SpatialMaxPooling</td><td>{@link SpatialMaxPooling}</td><td></td></tr>
 *   <tr><td>cudnn.SpatialAveragePooling</td><td>{@link SpatialAveragePooling}</td><td>always divides by
 *     {@code kW·kH} (cuDNN's COUNT_INCLUDE_PADDING), whatever {@code count_include_pad} says</td></tr>
 *   <tr><td>cudnn.SoftMax, cudnn.LogSoftMax</td><td>{@link SoftMax}, {@link LogSoftMax}, or a
 *     {@link Sequential} of {@link View}, that module and {@link View}</td><td>cuDNN's INSTANCE mode
 *     (one softmax over all of a sample's {@code C·H·W} values, unlike {@code nn.SoftMax}, which
 *     normalises over the planes at every pixel): a module whose {@code iSize} shows planes larger
 *     than 1×1 loads as the {@code View}s around {@code nn.SoftMax} that compute it for that
 *     {@code C, H, W} (another size fails in the {@code View}); one never run loads as a
 *     {@link SoftMax#instanceMode()} module, exact for any input (saved as {@code nn.SoftMax}, which
 *     Lua computes the same way for 1-D and 2-D inputs, the classifiers' case)</td></tr>
 *   <tr><td>cudnn.SpatialSoftMax, cudnn.SpatialLogSoftMax</td><td>{@link SoftMax}, {@link LogSoftMax}</td>
 *     <td>cuDNN's CHANNEL mode: over the planes at every position, what {@code nn.SoftMax} does on
 *     1-D to 4-D inputs</td></tr>
 *   <tr><td>cudnn.SpatialCrossMapLRN</td><td>{@link SpatialCrossMapLRN}</td><td>{@code size},
 *     {@code alpha}, {@code beta}, {@code k}; cuDNN's formula is nn's, {@code x / (k + α/size·Σx²)^β}</td></tr>
 *   <tr><td>cudnn.BatchNormalization, cudnn.SpatialBatchNormalization</td><td>{@link BatchNormalization},
 *     {@link SpatialBatchNormalization}</td><td>a version-1 file's {@code running_std} converted to
 *     {@code running_var} in the file's precision</td></tr>
 * </table>
 *
 * <p>cunn's {@code nn.DataParallelTable} (torch/cunn, commit {@code 1ae6aa08}) loads as the module
 * it wraps, {@code modules[1]}, which is also what is saved: on one device its split and
 * concatenation are the identity and its replicas' gradients sum to the whole batch's.
 *
 * <p>fbcunn's {@code fbnn.SpatialBatchNormalization} (facebook/fbcunn, commit {@code c24a8390})
 * loads as {@link SpatialBatchNormalization} with {@link BatchNormalization#useFbnnRunningStd()}
 * (its running statistic is an average of inverse standard deviations); saved, it is an
 * {@code nn.SpatialBatchNormalization} with {@code running_var = running_std⁻² − eps}, which
 * evaluates the same in Lua's nn (whose training then averages the variance, as nn does).
 */
public final class CudnnT7Codecs implements T7CodecProvider {

    /** The provider instance {@link java.util.ServiceLoader} creates. */
    public CudnnT7Codecs() {
    }

    @Override
    public List<T7Codec<?>> codecs() {
        return List.of(
                alias("cudnn.SpatialConvolution", SpatialConvolution.T7, false),
                alias("cudnn.SpatialFullConvolution", SpatialFullConvolution.T7, true),
                alias("cudnn.SpatialDilatedConvolution", SpatialDilatedConvolution.T7, true),
                alias("cudnn.VolumetricConvolution", VolumetricConvolution.T7, true),
                alias("cudnn.ReLU", ReLU.T7, false),
                alias("cudnn.Tanh", Tanh.T7, false),
                alias("cudnn.Sigmoid", Sigmoid.T7, false),
                alias("cudnn.SpatialMaxPooling", SpatialMaxPooling.T7, false),
                T7Codec.of("cudnn.SpatialAveragePooling", SpatialAveragePooling.class,
                        (o, in) -> {
                            SpatialAveragePooling m = new SpatialAveragePooling(o.getInt("kW"), o.getInt("kH"),
                                    o.getInt("dW", 1), o.getInt("dH", 1), o.getInt("padW", 0), o.getInt("padH", 0));
                            if (LuaFields.truthy(o.get("ceil_mode"))) {
                                m.ceil();
                            }
                            return m;
                        }, SpatialAveragePooling.T7::write),
                instanceSoftMax("cudnn.SoftMax", () -> new SoftMax().instanceMode(), SoftMax::new),
                instanceSoftMax("cudnn.LogSoftMax", () -> new LogSoftMax().instanceMode(), LogSoftMax::new),
                // cuDNN's CHANNEL mode: over the planes at every position, as nn.SoftMax on any input
                alias("cudnn.SpatialSoftMax", SoftMax.T7, false),
                alias("cudnn.SpatialLogSoftMax", LogSoftMax.T7, false),
                alias("cudnn.SpatialCrossMapLRN", SpatialCrossMapLRN.T7, false),
                alias("cudnn.BatchNormalization", BatchNormalization.T7, false),
                alias("cudnn.SpatialBatchNormalization", SpatialBatchNormalization.T7, false),
                T7Codec.of("fbnn.SpatialBatchNormalization", SpatialBatchNormalization.class,
                        SpatialBatchNormalization::readFbnn, SpatialBatchNormalization.T7::write),
                T7Codec.of("nn.DataParallelTable", moduleClass(), 3, CudnnT7Codecs::readDataParallelTable,
                        (m, f, out) -> {
                            throw new T7ModuleException("", "nn.DataParallelTable is written as the module it wraps",
                                    null);
                        }));
    }

    /**
     * {@code cudnn.SoftMax} / {@code cudnn.LogSoftMax}: cuDNN's INSTANCE mode, one softmax over all
     * the values of a sample ({@code [C, H, W]} is one sample, {@code [N, C, H, W]} has N; 1-D and
     * 2-D inputs as {@code nn.SoftMax}). When the stored {@code iSize} (the input as the 4-D
     * {@code N×C×H×W} cudnn.torch views it) has {@code H·W > 1}, the module loads as the plain
     * {@code nn} modules that compute exactly that for inputs of that {@code C, H, W}:
     * {@code nn.Sequential {nn.View(C·H·W):setNumInputDims(3), nn.SoftMax, nn.View(C, H, W):setNumInputDims(1)}};
     * otherwise (never run, or run on 1-D/2-D inputs or 1×1 planes) as {@code SoftMax} in
     * {@linkplain SoftMax#instanceMode() instance mode}, exact for every input shape (saved as
     * {@code nn.SoftMax}, the same in Lua for 1-D and 2-D inputs).
     */
    private static T7Codec<Module<?, ?>> instanceSoftMax(String cudnnClass, Supplier<Module<Tensor, Tensor>> instance,
            Supplier<Module<Tensor, Tensor>> nn) {
        return T7Codec.of(cudnnClass, moduleClass(), (o, in) -> {
            int[] chw = spatialShape(o.get("iSize"));
            if (chw == null) {
                return instance.get();
            }
            return new Sequential<Tensor, Tensor>()
                    .add(new View(chw[0] * chw[1] * chw[2]).setNumInputDims(3))
                    .add(nn.get())
                    .add(new View(chw[0], chw[1], chw[2]).setNumInputDims(1));
        }, (m, f, out) -> {
            // never chosen for writing: the Java modules read are nn's, written by their own codecs
            throw new T7ModuleException("", cudnnClass + " is written as its nn modules", null);
        });
    }

    /**
     * cunn's {@code nn.DataParallelTable} ({@code DataParallelTable.lua}, class version 3, whose
     * {@code __write} stores the {@code gpuAssignments} table, then the fields; the reader keeps
     * the first as the object's header): the module it wraps, {@code modules[1]} (the file holds
     * replica 1 only). On one device the split along {@code dimension} and the concatenation are
     * the identity and the replicas' gradients sum to the whole batch's, so the wrapped module on
     * the whole batch computes the same. Its {@code impl} (a {@code Basic} or {@code Threads}
     * object, the latter holding a serialised Lua function), {@code flattenedParams} (views of the
     * weights' storage), GPU tables and buffers are not read.
     */
    private static Module<?, ?> readDataParallelTable(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Object mods = o.get("modules");
        if (!(mods instanceof T7Table t) || !t.isList() || t.list().isEmpty()) {
            throw in.error("nn.DataParallelTable: field modules does not hold the wrapped module");
        }
        return in.module(t.list().get(0), "modules[1]");
    }

    @SuppressWarnings("unchecked")
    private static Class<Module<?, ?>> moduleClass() {
        return (Class<Module<?, ?>>) (Class<?>) Module.class;
    }

    /** {@code {C, H, W}} of a stored 4-D {@code iSize} with {@code H·W > 1}, else {@code null}. */
    private static int[] spatialShape(Object iSize) {
        if (!(iSize instanceof T7Storage s) || s.size() != 4) {
            return null;
        }
        double c = s.getDouble(1);
        double h = s.getDouble(2);
        double w = s.getDouble(3);
        if (!(c >= 1 && h >= 1 && w >= 1) || h * w <= 1 || c * h * w > Integer.MAX_VALUE) {
            return null;
        }
        return new int[] {(int) c, (int) h, (int) w};
    }

    /** {@code cudnnClass} read by {@code nn}'s reader (after a {@code groups} check) and written as {@code nn}. */
    private static <J> T7Codec<J> alias(String cudnnClass, T7Codec<J> nn, boolean grouped) {
        return T7Codec.of(cudnnClass, nn.javaClass(), nn.version(), (o, in) -> {
            if (grouped) {
                requireOneGroup(cudnnClass, o, in);
            }
            return nn.read(o, in);
        }, nn::write);
    }

    private static void requireOneGroup(String cudnnClass, T7Object o, T7Bridge.Reading in)
            throws T7ModuleException {
        int groups = o.getInt("groups", 1);
        if (groups != 1) {
            throw in.error(cudnnClass + " with groups " + groups + " is not supported (only groups 1)");
        }
    }
}
