package dev.sequent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The loss and metrics of {@code evaluate}, each a mean over the samples. */
public final class EvaluationResult {

    private final Map<String, Double> values;

    EvaluationResult(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public double loss() {
        return values.get("loss");
    }

    /**
     * Returns one metric by the name it was compiled with, such as {@code accuracy} or {@code mae}.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the names
     */
    public double metric(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No metric '" + name + "'; the result has " + values.keySet() + ".");
        }
        return value;
    }

    /** Returns {@code loss} followed by the metrics, in compile order. */
    public Map<String, Double> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
