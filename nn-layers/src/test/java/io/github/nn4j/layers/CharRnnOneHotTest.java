package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

class CharRnnOneHotTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new CharRnnOneHot(5);
    }

    private static Tensor indices(int n) {
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.data()[i] = Math.floor(TorchRandom.global().uniform(0, 5));
        }
        return t;
    }

    @Override
    protected Data sampleInput() {
        return indices(1);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return indices(batchSize);
    }

    @Override
    protected String expectedToString() {
        return "OneHot";
    }

    @Override
    protected Data wrongInput() {
        return Tensor.of(-1);
    }

    /** Indices are not differentiable (and the Lua class's gradInput is empty). */
    @Override
    protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
        return GradientChecker.check(PartlyDifferentiable.parametersOnly(module, input), Tensor.empty());
    }

    @Test
    void encodesAsOneHotWithAnEmptyGradInputAsTheLuaClass() {
        CharRnnOneHot m = new CharRnnOneHot(3);
        Tensor x = Tensor.of(2, 0);
        Tensor y = m.forward(x);
        assertEquals(0.0, y.maxAbsDiff(new OneHot(3).forward(x)));
        assertEquals("[]", m.backward(x, y.zerosLike()).shapeString());
    }

    /** karpathy/char-rnn util/OneHot.lua: torch.class('OneHot', 'nn.Module'), fields outputSize and _eye. */
    @Test
    void loadsAndSavesAsCharRnnsClass() throws Exception {
        T7Table f = new T7Table();
        f.put("outputSize", 4.0);
        f.put("_eye", T7Tensor.fromTensor(Tensor.zeros(4, 4)));
        f.put("output", T7Tensor.fromTensor(Tensor.empty()));
        f.put("gradInput", T7Tensor.fromTensor(Tensor.empty()));
        f.put("train", true);
        CharRnnOneHot m = assertInstanceOf(CharRnnOneHot.class, T7Bridge.toJava(new T7Object("OneHot", 1, f)));
        assertEquals(4, m.outputSize());
        T7Object saved = (T7Object) T7Bridge.toT7(m);
        assertEquals("OneHot", saved.className());
        assertEquals(4.0, saved.getNumber("outputSize"));
        Tensor eye = ((T7Tensor) saved.fields().get("_eye")).toTensor();
        assertEquals(1.0, eye.get(2, 2));
        assertEquals(0.0, eye.get(2, 1));
    }
}
