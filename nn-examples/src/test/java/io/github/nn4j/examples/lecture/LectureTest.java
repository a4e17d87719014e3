package io.github.nn4j.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/**
 * Every lecture example against the lecture's rounded numbers (to 1e-2) and against the closed
 * forms (to 1e-12).
 */
class LectureTest {

    private static final double LECTURE = 1e-2;
    private static final double EXACT = 1e-12;

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void example1SumOfSquares() {
        SumOfSquares e = new SumOfSquares();
        double x = 5;
        double y = 3;
        assertEquals(x * x + y * y, e.z(), EXACT);
        assertEquals(2 * x, e.dzdx(), EXACT);
        assertEquals(2 * y, e.dzdy(), EXACT);
        assertEquals(10, e.dzdx(), LECTURE);
        assertEquals(6, e.dzdy(), LECTURE);
    }

    @Test
    void example2AddMultiply() {
        AddMultiply e = new AddMultiply();
        double x = -2;
        double y = 5;
        double z = -4;
        assertEquals(x + y, e.q(), EXACT);
        assertEquals((x + y) * z, e.f(), EXACT);
        assertEquals(z, e.dfdx(), EXACT);
        assertEquals(z, e.dfdy(), EXACT);
        assertEquals(x + y, e.dfdz(), EXACT);
        assertEquals(3, e.q(), LECTURE);
        assertEquals(-12, e.f(), LECTURE);
        assertEquals(-4, e.dfdx(), LECTURE);
        assertEquals(-4, e.dfdy(), LECTURE);
        assertEquals(3, e.dfdz(), LECTURE);
    }

    @Test
    void example3SigmoidNeuronAsACircuitAndAsLinearPlusSigmoid() {
        SigmoidNeuron e = new SigmoidNeuron();
        double[] w = {2, -3, -3};
        double[] x = {-1, -2};
        double z = w[0] * x[0] + w[1] * x[1] + w[2];
        double f = sigma(z);
        double local = (1 - f) * f;
        double[] dfdx = {local * w[0], local * w[1]};
        double[] dfdw = {local * x[0], local * x[1], local};

        assertEquals(f, e.f(), EXACT);
        assertEquals(f, e.fNeuron(), EXACT);
        assertEquals(0.73, e.f(), LECTURE);
        double[] lectureX = {0.39, -0.59};
        double[] lectureW = {-0.20, -0.39, 0.20};
        for (int i = 0; i < 2; i++) {
            assertEquals(dfdx[i], e.dfdx()[i], EXACT, "circuit df/dx" + i);
            assertEquals(dfdx[i], e.dfdxNeuron()[i], EXACT, "Linear+Sigmoid df/dx" + i);
            assertEquals(lectureX[i], e.dfdx()[i], LECTURE);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(dfdw[i], e.dfdw()[i], EXACT, "circuit df/dw" + i);
            assertEquals(dfdw[i], e.dfdwNeuron()[i], EXACT, "Linear+Sigmoid df/dw" + i);
            assertEquals(lectureW[i], e.dfdw()[i], LECTURE);
        }
        for (int i = 0; i < SigmoidNeuron.SIGMA_POINTS.length; i++) {
            double s = sigma(SigmoidNeuron.SIGMA_POINTS[i]);
            assertEquals((1 - s) * s, e.sigmaPrimeFormula()[i], EXACT);
            assertEquals((1 - s) * s, e.sigmaPrimeBackward()[i], EXACT);
            // central differences with h = 1e-5: truncation ~h²·σ'''/6 plus rounding ~1e-11
            assertEquals(e.sigmaPrimeFormula()[i], e.sigmaPrimeNumeric()[i], 1e-9);
        }
    }

    @Test
    void example4GatePatterns() {
        GatePatterns e = new GatePatterns();
        double x = 3;
        double y = -4;
        double z = 2;
        double w = -1;
        assertEquals(2 * (x * y + Math.max(z, w)), e.f(), EXACT);
        double[] expected = {2 * y, 2 * x, 2, 0};   // mul switches, max routes to z
        double[] lecture = {-8, 6, 2, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], e.gradients()[i], EXACT);
            assertEquals(lecture[i], e.gradients()[i], LECTURE);
        }
    }

    @Test
    void example5MultiplyGateOfOnesOwnPassesTheGradientCheck() {
        WriteYourOwnGate e = new WriteYourOwnGate();
        assertEquals(3 * -4, e.z(), EXACT);
        assertEquals(-4 * 2, e.dx(), EXACT);
        assertEquals(3 * 2, e.dy(), EXACT);
        e.oneSampleCheck().assertPassed(1e-6);
        e.batchCheck().assertPassed(1e-6);
        assertEquals(0.0, e.differenceToCMulTable());
    }

    @Test
    void example6NumericalAgreesWithAnalytic() {
        NumericalVsAnalytic e = new NumericalVsAnalytic();
        assertEquals(4 * 5 + 5 + 5 * 3 + 3, e.parameterCount());
        assertTrue(e.maxRelativeError() < 1e-6, "relative error " + e.maxRelativeError());
        assertTrue(e.maxAbsoluteError() < 1e-8, "absolute error " + e.maxAbsoluteError());
        assertTrue(e.numericalMillis() > 0 && e.analyticMillis() > 0);
    }

    @Test
    void runPrintsTheLecturesNumbersBesideNn4js() {
        StringWriter s = new StringWriter();
        Lecture.run(2, new PrintWriter(s));
        String text = s.toString();
        assertTrue(text.startsWith("Example 2: f = (x + y) * z"), text);
        assertTrue(text.matches("(?s).*df/dx = df/dq \\* dq/dx = z \\* 1\\s+-4\\.00000000\\s+-4\\n.*"), text);
    }

    @Test
    void runAllRunsEveryExample() {
        StringWriter s = new StringWriter();
        Lecture.runAll(new PrintWriter(s));
        for (int n = 1; n <= Lecture.count(); n++) {
            assertTrue(s.toString().contains("Example " + n + ": "), "example " + n);
        }
        assertEquals(6, Lecture.count());
    }

    @Test
    void anUnknownExampleIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lecture.run(7, new PrintWriter(new StringWriter())));
        assertEquals("no lecture example 7; the examples are 1 to 6", e.getMessage());
    }
}
