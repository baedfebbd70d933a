package dev.sequent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-epoch results of {@code fit}: {@code loss}, each metric, and {@code val_}-prefixed
 * versions when there is validation data. Each value is a mean over the epoch's samples,
 * as Keras averages them.
 */
public final class History {

    private final Map<String, List<Double>> values;
    private final Optional<String> stopReason;

    History(Map<String, List<Double>> values, Optional<String> stopReason) {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((key, list) -> copy.put(key, Collections.unmodifiableList(new ArrayList<>(list))));
        this.values = Collections.unmodifiableMap(copy);
        this.stopReason = stopReason;
    }

    /** Returns the names recorded, in order: {@code loss}, metrics, then validation names. */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Returns one value per completed epoch.
     *
     * @throws IllegalArgumentException for a name that was not recorded; the message lists the names
     */
    public List<Double> get(String key) {
        List<Double> list = values.get(key);
        if (list == null) {
            throw new IllegalArgumentException("History has no '" + key + "'; it recorded " + values.keySet() + ".");
        }
        return list;
    }

    /** Returns the value of the last completed epoch. */
    public double last(String key) {
        List<Double> list = get(key);
        if (list.isEmpty()) {
            throw new IllegalStateException("No epoch completed, so '" + key + "' has no value.");
        }
        return list.get(list.size() - 1);
    }

    /** Returns the number of completed epochs. */
    public int epochs() {
        return values.containsKey("loss") ? values.get("loss").size() : 0;
    }

    /** Returns why training ended before the requested number of epochs, if it did. */
    public Optional<String> stopReason() {
        return stopReason;
    }

    /** Returns every series as an unmodifiable map. */
    public Map<String, List<Double>> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return "History" + values + stopReason.map(reason -> " stopped: " + reason).orElse("");
    }
}
