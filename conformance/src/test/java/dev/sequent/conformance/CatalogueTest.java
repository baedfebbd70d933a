package dev.sequent.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void caseNamesUniqueWithinArea() {
        for (Map.Entry<String, List<ConformanceCase>> area : Catalogue.byArea().entrySet()) {
            Set<String> names = new HashSet<>();
            for (ConformanceCase testCase : area.getValue()) {
                assertTrue(names.add(testCase.name()), "duplicate case name in " + area.getKey() + ": "
                        + testCase.name());
            }
        }
    }

    @Test
    void everyCaseDeclaresCapabilities() {
        for (ConformanceCase testCase : Catalogue.all()) {
            assertFalse(testCase.requires().isEmpty(), testCase + " declares no capability");
        }
    }

    @Test
    void gradientProblemsAreSmoothAroundEveryWeight() {
        // A finite difference across a relu kink, |p - t| = 0 or a clip boundary would not
        // approximate the gradient, so the kit's own data must stay clear of them.
        for (GradientCheckCases.Problem problem : GradientCheckCases.problems()) {
            Smoothness.require(problem);
        }
    }

    @Test
    void finiteDifferencesOfFloatOutputsStayWithinTolerance() {
        // A backend whose outputs are the exact values rounded to float32 and whose gradients
        // are exact must pass every finite-difference check: this measures how much of the
        // tolerance the float32 rounding and the truncation use up.
        for (GradientCheckCases.Problem problem : GradientCheckCases.problems()) {
            GradientCheckCases.Forward rounded = (weights, x) -> Reference.predict(problem.model(), weights, x)
                    .toFloats();
            for (var entry : problem.weights().asMap().entrySet()) {
                for (int i = 0; i < entry.getValue().size(); i++) {
                    double exact = Smoothness.derivative(problem, entry.getKey(), i);
                    double difference = GradientCheckCases.centralDifference(problem, rounded, entry.getKey(), i);
                    Checks.assertValue(problem.name() + ", " + entry.getKey() + "[" + i + "]", difference, exact,
                            GradientCheckCases.ABSOLUTE, GradientCheckCases.RELATIVE);
                }
            }
        }
    }
}
