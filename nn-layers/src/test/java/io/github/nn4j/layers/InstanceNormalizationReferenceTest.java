package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Tensor;

/**
 * {@link InstanceNormalization} against an independent implementation: PyTorch's
 * {@code torch.nn.functional.instance_norm} and its autograd in float64, recorded in
 * {@code reference/instance_norm.txt} by {@code reference/gen_instance_norm.py} (see the README
 * there). Forward, then {@code zeroGradParameters}, {@code updateGradInput} and
 * {@code accGradParameters} with scale 1, and separately the one-pass {@code backward}; output,
 * gradInput, gradWeight and gradBias agree to relative 1e-12 plus 1e-14 absolute. The cases: a
 * batch (eps 1e-5, affine), a batch of one, eps 1e-3, CycleGAN's {@code affine = false}, and a
 * {@code [C, H, W]} sample (PyTorch: the batch of one it is in nn4j).
 */
class InstanceNormalizationReferenceTest {

    private static final String FILE = "/reference/instance_norm.txt";

    private static final List<Map<String, String>> RECORDS = ReferenceCases.records(FILE);

    static List<String> cases() {
        return RECORDS.stream().map(r -> r.get("case")).toList();
    }

    private static Map<String, String> record(String name) {
        return RECORDS.stream().filter(r -> r.get("case").equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + name + " in " + FILE));
    }

    private static InstanceNormalization module(Map<String, String> rec) {
        int planes = Integer.parseInt(rec.get("planes"));
        boolean affine = Boolean.parseBoolean(rec.get("affine"));
        InstanceNormalization m = new InstanceNormalization(planes, Double.parseDouble(rec.get("eps")), 0, affine);
        if (affine) {
            m.parameters().get(0).value().copy(ReferenceCases.tensor(rec.get("weight"), new int[] {planes}));
            m.parameters().get(1).value().copy(ReferenceCases.tensor(rec.get("bias"), new int[] {planes}));
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        Map<String, String> rec = record(name);
        int[] size = ReferenceCases.ints(rec.get("size"));
        int planes = Integer.parseInt(rec.get("planes"));
        Tensor x = ReferenceCases.tensor(rec.get("input"), size);
        Tensor g = ReferenceCases.tensor(rec.get("gradOutput"), size);
        for (boolean onePass : new boolean[] {false, true}) {
            String what = name + (onePass ? " (backward)" : " (updateGradInput, accGradParameters)");
            InstanceNormalization m = module(rec);
            Tensor y = m.forward(x).clone();
            ReferenceCases.assertClose(ReferenceCases.tensor(rec.get("output"), size), y, what + " output");
            m.zeroGradParameters();
            Tensor gi;
            if (onePass) {
                gi = m.backward(x, g, 1.0).clone();
            } else {
                gi = m.updateGradInput(x, g).clone();
                m.accGradParameters(x, g, 1.0);
            }
            ReferenceCases.assertClose(ReferenceCases.tensor(rec.get("gradInput"), size), gi, what + " gradInput");
            assertEquals(rec.containsKey("weight"), m.isAffine(), what + ": affine");
            if (m.isAffine()) {
                ReferenceCases.assertClose(ReferenceCases.tensor(rec.get("gradWeight"), new int[] {planes}),
                        m.parameters().get(0).grad(), what + " gradWeight");
                ReferenceCases.assertClose(ReferenceCases.tensor(rec.get("gradBias"), new int[] {planes}),
                        m.parameters().get(1).grad(), what + " gradBias");
            }
        }
    }

    /** The file holds the cases the javadoc names, so a regenerated file cannot silently drop one. */
    @Test
    void coversBatchSampleEpsAndNonAffine() {
        assertEquals(List.of("batch_affine", "batch_of_one", "eps_1e_3", "not_affine", "sample_3d"), cases());
        assertEquals(3, ReferenceCases.ints(record("sample_3d").get("size")).length);
        assertEquals("false", record("not_affine").get("affine"));
        assertEquals(1e-3, Double.parseDouble(record("eps_1e_3").get("eps")));
    }
}
