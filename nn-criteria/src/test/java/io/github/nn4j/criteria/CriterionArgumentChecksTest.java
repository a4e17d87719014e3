package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.assertRejected;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Criterion;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/** Top-level misuse of a criterion is an {@link IllegalArgumentException} naming it. */
class CriterionArgumentChecksTest {

    @Test
    void nullInputOrTargetNamesTheCriterion() {
        MSECriterion c = new MSECriterion();
        assertRejected(() -> c.forward(null, Tensor.zeros(2)), "nn.MSECriterion", "input is null");
        assertRejected(() -> c.forward(Tensor.zeros(2), null), "nn.MSECriterion", "target is null");
        assertRejected(() -> c.backward(Tensor.zeros(2), null), "nn.MSECriterion", "target is null");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aTableWhereATensorIsExpectedNamesTheCriterion() {
        Criterion raw = new MSECriterion();
        assertRejected(() -> raw.forward(Table.of(Tensor.zeros(2)), Tensor.zeros(2)), "nn.MSECriterion", "Table");
        assertRejected(() -> raw.backward(Tensor.zeros(2), Table.of(Tensor.zeros(2))), "nn.MSECriterion");
    }

    @Test
    void aNaNMarginIsRefused() {
        assertRejected(() -> new MultiMarginCriterion(1, null, Double.NaN), "nn.MultiMarginCriterion", "margin");
    }
}
