package dev.sequent.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every conformance case, in a fixed order. */
public final class Catalogue {

    private Catalogue() {
    }

    /** Returns every case. */
    public static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.addAll(DenseCases.cases());
        cases.addAll(RnnCases.cases());
        cases.addAll(PredictCases.cases());
        cases.addAll(LossCases.cases());
        cases.addAll(OptimizerCases.cases());
        cases.addAll(TrainStepCases.cases());
        cases.addAll(GradientCheckCases.cases());
        return Collections.unmodifiableList(cases);
    }

    /** Returns every case grouped by area, areas and cases in catalogue order. */
    public static Map<String, List<ConformanceCase>> byArea() {
        Map<String, List<ConformanceCase>> byArea = new LinkedHashMap<>();
        for (ConformanceCase testCase : all()) {
            byArea.computeIfAbsent(testCase.area(), area -> new ArrayList<>()).add(testCase);
        }
        return byArea;
    }
}
