package dev.sequent;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A model's weights by Keras name ({@code dense/kernel}, {@code simple_rnn/recurrent_kernel}),
 * in Keras layouts, in layer order. Immutable.
 */
public final class Weights {

    private final Map<String, Tensor> byName;

    private Weights(Map<String, Tensor> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Creates weights from a map, keeping its iteration order. */
    public static Weights of(Map<String, Tensor> byName) {
        return new Weights(new LinkedHashMap<>(Objects.requireNonNull(byName, "byName")));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns one weight.
     *
     * @throws IllegalArgumentException if there is no weight of that name; the message lists the names
     */
    public Tensor get(String name) {
        Tensor tensor = byName.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("No weight named '" + name + "'; the weights are " + byName.keySet() + ".");
        }
        return tensor;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Returns the names in layer order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Returns the weights as an unmodifiable map in layer order. */
    public Map<String, Tensor> asMap() {
        return byName;
    }

    /** Returns the total number of values. */
    public long parameterCount() {
        long count = 0;
        for (Tensor tensor : byName.values()) {
            count += tensor.size();
        }
        return count;
    }

    /** Returns a copy with one weight replaced; the shape must match. */
    public Weights with(String name, Tensor value) {
        Tensor old = get(name);
        if (!Arrays.equals(old.shape(), value.shape())) {
            throw new IllegalArgumentException("Weight '" + name + "' has shape " + Arrays.toString(old.shape())
                    + ", but the replacement has shape " + Arrays.toString(value.shape()) + ".");
        }
        Map<String, Tensor> copy = new LinkedHashMap<>(byName);
        copy.put(name, value);
        return new Weights(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Weights that && byName.equals(that.byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Weights{");
        boolean first = true;
        for (Map.Entry<String, Tensor> entry : byName.entrySet()) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            text.append(entry.getKey()).append(Arrays.toString(entry.getValue().shape()));
        }
        return text.append('}').toString();
    }

    /** Collects weights in insertion order. */
    public static final class Builder {
        private final Map<String, Tensor> byName = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds one weight.
         *
         * @throws IllegalArgumentException if the name was already added
         */
        public Builder put(String name, Tensor value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (byName.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("Weight '" + name + "' was added twice.");
            }
            return this;
        }

        public Weights build() {
            return new Weights(new LinkedHashMap<>(byName));
        }
    }
}
