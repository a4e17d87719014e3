package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

/**
 * Reads and writes the Spatial{Subtractive,Divisive,Contrastive}Normalization objects as Torch builds them
 * (package-private): besides {@code nInputPlane}, {@code kernel}, {@code threshold},
 * {@code thresval}, the internal module tree their Lua {@code updateOutput} runs, so that real Lua
 * Torch loads and runs what nn4j saves:
 * <ul>
 *   <li>{@code meanestimator} (and, divisive, {@code stdestimator} with {@code nn.Square} first
 *       and {@code nn.Sqrt} last): an {@code nn.Sequential} of {@code nn.SpatialZeroPadding},
 *       {@code nn.SpatialConvolution(nInputPlane, 1, kW, kH)} holding the kernel for every plane
 *       (a 1-D kernel: {@code nn.SpatialConvolutionMap(oneToOne, k, 1)} then
 *       {@code nn.SpatialConvolution(nInputPlane, 1, 1, k)}), zero biases, and
 *       {@code nn.Replicate(nInputPlane, 1, 3)};</li>
 *   <li>{@code subtractor} ({@code nn.CSubTable}), {@code divider} and {@code normalizer}
 *       ({@code nn.CDivTable}), {@code thresholder} ({@code nn.Threshold(threshold, thresval)});</li>
 *   <li>{@code coef}: a {@code 1×1×1} tensor, which Torch's first forward replaces;</li>
 *   <li>Contrastive: {@code normalizer}, an {@code nn.Sequential} of the two stages, which share
 *       one {@code kernel} tensor as in Torch.</li>
 * </ul>
 * The reader takes {@code nInputPlane}, {@code kernel}, {@code threshold} and {@code thresval}
 * and rebuilds the sub-modules from them; the one exception is Contrastive's subtractive stage,
 * whose kernel is read from its first convolution's weight when the file has it (Torch normalised
 * that copy once, the shared {@code kernel} twice), so that a reload computes the same bits.
 */
final class SpatialNormalizationT7 {

    private SpatialNormalizationT7() {
    }

    static void writeSubtractive(int n, Tensor kernel, T7Table f, T7Bridge.Writing out) {
        writeSubtractive(n, kernel, out.tensor(kernel), f, out);
    }

    private static void writeSubtractive(int n, Tensor kernel, T7Tensor kernelField, T7Table f,
            T7Bridge.Writing out) {
        f.put("nInputPlane", (double) n);
        f.put("kernel", kernelField);
        f.put("meanestimator", estimator(n, kernel, false, out));
        f.put("subtractor", table("nn.CSubTable", out));
        f.put("divider", table("nn.CDivTable", out));
        f.put("coef", out.tensor(Tensor.zeros(1, 1, 1)));
    }

    static void writeDivisive(int n, Tensor kernel, double threshold, double thresval, T7Table f,
            T7Bridge.Writing out) {
        writeDivisive(n, kernel, out.tensor(kernel), threshold, thresval, f, out);
    }

    private static void writeDivisive(int n, Tensor kernel, T7Tensor kernelField, double threshold, double thresval,
            T7Table f, T7Bridge.Writing out) {
        f.put("nInputPlane", (double) n);
        f.put("kernel", kernelField);
        f.put("threshold", threshold);
        f.put("thresval", thresval);
        f.put("meanestimator", estimator(n, kernel, false, out));
        f.put("stdestimator", estimator(n, kernel, true, out));
        f.put("normalizer", table("nn.CDivTable", out));
        f.put("divider", table("nn.CDivTable", out));
        T7Object th = module("nn.Threshold", out);
        th.fields().put("threshold", threshold);
        th.fields().put("val", thresval);
        th.fields().put("inplace", false);
        f.put("thresholder", th);
        f.put("coef", out.tensor(Tensor.zeros(1, 1, 1)));
    }

    /**
     * Contrastive: the shared {@code kernel} field is the divisive stage's (normalised twice, as in
     * Torch); the subtractive stage's convolutions hold its own kernel (normalised once, as Torch's
     * copy into the weights at construction).
     */
    static void writeContrastive(int n, Tensor subKernel, Tensor kernel, double threshold, double thresval,
            T7Table f, T7Bridge.Writing out) {
        T7Tensor shared = out.tensor(kernel);
        f.put("nInputPlane", (double) n);
        f.put("kernel", shared);
        f.put("threshold", threshold);
        f.put("thresval", thresval);
        T7Object sub = module("nn.SpatialSubtractiveNormalization", out);
        writeSubtractive(n, subKernel, shared, sub.fields(), out);
        T7Object div = module("nn.SpatialDivisiveNormalization", out);
        writeDivisive(n, kernel, shared, threshold, thresval, div.fields(), out);
        f.put("normalizer", sequential(out, sub, div));
    }

    /**
     * The kernel of Contrastive's subtractive stage: the first {@code kernel.numel()} values of the
     * weight of {@code normalizer.modules[1].meanestimator.modules[2]}, or {@code kernel} when the
     * file has no such tensor.
     */
    static Tensor contrastiveSubtractiveKernel(T7Object o, Tensor kernel) {
        try {
            if (o.get("normalizer") instanceof T7Object seq && seq.get("modules") instanceof T7Table stages
                    && stages.getAt(0) instanceof T7Object sub && sub.get("meanestimator") instanceof T7Object me
                    && me.get("modules") instanceof T7Table mods && mods.getAt(1) instanceof T7Object conv
                    && conv.get("weight") instanceof T7Tensor w && w.numel() >= kernel.numel()) {
                double[] v = w.toDoubleArray();
                Tensor k = kernel.deepCopy();
                System.arraycopy(v, 0, k.data(), 0, k.numel());
                return k;
            }
        } catch (RuntimeException e) {
            // a malformed sub-module tree: fall back to the shared kernel
        }
        return kernel;
    }

    /** meanestimator, or stdestimator ({@code squared}): Torch's Sequential. */
    private static T7Object estimator(int n, Tensor kernel, boolean squared, T7Bridge.Writing out) {
        int kH = kernel.size(0);
        int kW = kernel.dim() == 2 ? kernel.size(1) : kH;
        int padH = kH / 2;
        int padW = kW / 2;
        T7Table modules = new T7Table();
        if (squared) {
            modules.append(module("nn.Square", out));
        }
        T7Object pad = module("nn.SpatialZeroPadding", out);
        pad.fields().put("pad_l", (double) padW);
        pad.fields().put("pad_r", (double) padW);
        pad.fields().put("pad_t", (double) padH);
        pad.fields().put("pad_b", (double) padH);
        modules.append(pad);
        double[] k = kernel.data();
        if (kernel.dim() == 2) {
            modules.append(convolution(n, kW, kH, k, out));
        } else {
            modules.append(convolutionMap(n, kH, k, out));
            modules.append(convolution(n, 1, kH, k, out));
        }
        T7Object rep = module("nn.Replicate", out);
        rep.fields().put("nfeatures", (double) n);
        rep.fields().put("dim", 1.0);
        rep.fields().put("ndim", 3.0);
        modules.append(rep);
        if (squared) {
            T7Object sqrt = module("nn.Sqrt", out);
            sqrt.fields().put("eps", 0.0);
            modules.append(sqrt);
        }
        T7Object seq = module("nn.Sequential", out);
        seq.fields().put("modules", modules);
        return seq;
    }

    /** {@code nn.SpatialConvolution(n, 1, kW, kH)} whose weight holds the kernel for every plane. */
    private static T7Object convolution(int n, int kW, int kH, double[] k, T7Bridge.Writing out) {
        Tensor w = Tensor.zeros(1, n, kH, kW);
        double[] wd = w.data();
        int per = kH * kW;
        for (int i = 0; i < n; i++) {
            System.arraycopy(k, 0, wd, i * per, per);
        }
        T7Object c = module("nn.SpatialConvolution", out);
        T7Table f = c.fields();
        f.put("nInputPlane", (double) n);
        f.put("nOutputPlane", 1.0);
        f.put("kW", (double) kW);
        f.put("kH", (double) kH);
        f.put("dW", 1.0);
        f.put("dH", 1.0);
        f.put("padW", 0.0);
        f.put("padH", 0.0);
        f.put("weight", out.tensor(w));
        f.put("bias", out.tensor(Tensor.zeros(1)));
        f.put("gradWeight", out.tensor(Tensor.zeros(1, n, kH, kW)));
        f.put("gradBias", out.tensor(Tensor.zeros(1)));
        return c;
    }

    /** {@code nn.SpatialConvolutionMap(nn.tables.oneToOne(n), k, 1)}: the kernel across, per plane. */
    private static T7Object convolutionMap(int n, int size, double[] k, T7Bridge.Writing out) {
        Tensor w = Tensor.zeros(n, 1, size);
        Tensor table = Tensor.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            System.arraycopy(k, 0, w.data(), i * size, size);
            table.data()[2 * i] = i + 1;
            table.data()[2 * i + 1] = i + 1;
        }
        T7Object c = module("nn.SpatialConvolutionMap", out);
        T7Table f = c.fields();
        f.put("kW", (double) size);
        f.put("kH", 1.0);
        f.put("dW", 1.0);
        f.put("dH", 1.0);
        f.put("connTable", out.tensor(table));
        f.put("nInputPlane", (double) n);
        f.put("nOutputPlane", (double) n);
        f.put("weight", out.tensor(w));
        f.put("bias", out.tensor(Tensor.zeros(n)));
        f.put("gradWeight", out.tensor(Tensor.zeros(n, 1, size)));
        f.put("gradBias", out.tensor(Tensor.zeros(n)));
        return c;
    }

    private static T7Object sequential(T7Bridge.Writing out, T7Object... children) {
        T7Object seq = module("nn.Sequential", out);
        T7Table modules = new T7Table();
        for (T7Object child : children) {
            modules.append(child);
        }
        seq.fields().put("modules", modules);
        return seq;
    }

    /** A module with Torch's {@code nn.Module} fields: empty output and gradInput, {@code _type}. */
    private static T7Object module(String className, T7Bridge.Writing out) {
        T7Object o = T7Object.withFields(className);
        o.fields().put("output", out.tensor(Tensor.empty()));
        o.fields().put("gradInput", out.tensor(Tensor.empty()));
        o.fields().put("_type", "torch.DoubleTensor");
        return o;
    }

    /** A table module ({@code CSubTable}, {@code CDivTable}): its gradInput is a Lua table. */
    private static T7Object table(String className, T7Bridge.Writing out) {
        T7Object o = module(className, out);
        o.fields().put("gradInput", new T7Table());
        return o;
    }
}
