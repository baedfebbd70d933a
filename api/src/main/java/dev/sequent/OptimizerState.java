package dev.sequent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer's state, enough to resume training exactly: the number of updates applied so
 * far and each weight's slot arrays (momentum, moments, velocity) in the order the optimizer
 * defines them (see {@link dev.sequent.train.Optimizer#slotCount()}).
 *
 * @param step the number of updates applied; the next update is number {@code step + 1}
 * @param slots for each weight name, its slot tensors, each shaped like the weight
 */
public record OptimizerState(long step, Map<String, List<Tensor>> slots) {

    public OptimizerState {
        if (step < 0) {
            throw new IllegalArgumentException("Optimizer step must be non-negative, but was " + step + ".");
        }
        Objects.requireNonNull(slots, "slots");
        Map<String, List<Tensor>> copy = new LinkedHashMap<>();
        slots.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        slots = Collections.unmodifiableMap(copy);
    }
}
