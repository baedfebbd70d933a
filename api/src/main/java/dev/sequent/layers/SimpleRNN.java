package dev.sequent.layers;

import dev.sequent.ModelDefinitionException;
import dev.sequent.Shape;
import dev.sequent.init.Initializer;
import dev.sequent.init.Initializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully connected recurrent layer:
 * {@code h_t = activation(x_t · kernel + h_(t-1) · recurrentKernel + bias)} with {@code h_0 = 0}.
 *
 * <p>Input {@code [batch, timesteps, features]}. Output {@code [batch, units]} (the last state)
 * when {@code returnSequences} is false, or {@code [batch, timesteps, units]} (every state)
 * when it is true.
 *
 * <ul>
 *   <li>{@code units}: the state width, positive.
 *   <li>{@code activation}: default {@link Activation#TANH}; relu, sigmoid and linear also work.
 *   <li>{@code useBias}: default true.
 *   <li>{@code returnSequences}: default false.
 *   <li>{@code goBackwards}: default false; when true the sequence is read from its last step
 *       to its first, and returned states are in that processing order, as in Keras.
 *   <li>{@code kernelInitializer}: default glorot-uniform, {@code [features, units]}.
 *   <li>{@code recurrentInitializer}: default orthogonal, {@code [units, units]}.
 *   <li>{@code biasInitializer}: default zeros, {@code [units]}.
 * </ul>
 */
public final class SimpleRNN implements Layer {

    private final int units;
    private final Activation activation;
    private final boolean useBias;
    private final boolean returnSequences;
    private final boolean goBackwards;
    private final Initializer kernelInitializer;
    private final Initializer recurrentInitializer;
    private final Initializer biasInitializer;
    private final Optional<String> name;

    private SimpleRNN(int units, Activation activation, boolean useBias, boolean returnSequences,
            boolean goBackwards, Initializer kernelInitializer, Initializer recurrentInitializer,
            Initializer biasInitializer, Optional<String> name) {
        this.units = units;
        this.activation = activation;
        this.useBias = useBias;
        this.returnSequences = returnSequences;
        this.goBackwards = goBackwards;
        this.kernelInitializer = kernelInitializer;
        this.recurrentInitializer = recurrentInitializer;
        this.biasInitializer = biasInitializer;
        this.name = name;
    }

    /**
     * Creates a SimpleRNN layer with {@code units} state values and the Keras defaults.
     *
     * @throws IllegalArgumentException if {@code units <= 0}
     */
    public static SimpleRNN units(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("SimpleRNN units must be positive, but was " + units + ".");
        }
        return new SimpleRNN(units, Activation.TANH, true, false, false, Initializers.glorotUniform(),
                Initializers.orthogonal(), Initializers.zeros(), Optional.empty());
    }

    /**
     * Returns a copy with the given activation.
     *
     * @throws IllegalArgumentException for softmax, which Keras does not use inside a recurrence
     */
    public SimpleRNN activation(Activation activation) {
        Objects.requireNonNull(activation, "activation");
        if (activation == Activation.SOFTMAX) {
            throw new IllegalArgumentException("SimpleRNN activation must be tanh, relu, sigmoid or linear, but was"
                    + " softmax; add a Dense layer with softmax after the recurrent layer instead.");
        }
        return new SimpleRNN(units, activation, useBias, returnSequences, goBackwards, kernelInitializer,
                recurrentInitializer, biasInitializer, name);
    }

    public SimpleRNN useBias(boolean useBias) {
        return new SimpleRNN(units, activation, useBias, returnSequences, goBackwards, kernelInitializer,
                recurrentInitializer, biasInitializer, name);
    }

    /** Returns a copy that returns every state ({@code true}) or only the last one. */
    public SimpleRNN returnSequences(boolean returnSequences) {
        return new SimpleRNN(units, activation, useBias, returnSequences, goBackwards, kernelInitializer,
                recurrentInitializer, biasInitializer, name);
    }

    /** Returns a copy that reads sequences from the last step to the first. */
    public SimpleRNN goBackwards(boolean goBackwards) {
        return new SimpleRNN(units, activation, useBias, returnSequences, goBackwards, kernelInitializer,
                recurrentInitializer, biasInitializer, name);
    }

    public SimpleRNN kernelInitializer(Initializer initializer) {
        return new SimpleRNN(units, activation, useBias, returnSequences, goBackwards,
                Objects.requireNonNull(initializer, "initializer"), recurrentInitializer, biasInitializer, name);
    }

    public SimpleRNN recurrentInitializer(Initializer initializer) {
        return new SimpleRNN(units, activation, useBias, returnSequences, goBackwards, kernelInitializer,
                Objects.requireNonNull(initializer, "initializer"), biasInitializer, name);
    }

    public SimpleRNN biasInitializer(Initializer initializer) {
        return new SimpleRNN(units, activation, useBias, returnSequences, goBackwards, kernelInitializer,
                recurrentInitializer, Objects.requireNonNull(initializer, "initializer"), name);
    }

    /**
     * Returns a copy with a fixed name instead of a generated one.
     *
     * @throws IllegalArgumentException if the name is blank or contains {@code '/'}
     */
    public SimpleRNN name(String name) {
        return new SimpleRNN(units, activation, useBias, returnSequences, goBackwards, kernelInitializer,
                recurrentInitializer, biasInitializer, Optional.of(LayerNames.check(name)));
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Initializer recurrentInitializer() {
        return recurrentInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    @Override
    public Optional<String> name() {
        return name;
    }

    @Override
    public String typeName() {
        return "SimpleRNN";
    }

    @Override
    public String namePrefix() {
        return "simple_rnn";
    }

    @Override
    public Shape outputShape(Shape input, String layerName) {
        if (input.rank() != 2) {
            throw new ModelDefinitionException("Layer '" + layerName + "' (SimpleRNN) expects input"
                    + " [timesteps, features] per sample, but received " + input
                    + "; declare the input as Input.shape(timesteps, features), or put a SimpleRNN with"
                    + " returnSequences(true) before this one.");
        }
        return returnSequences ? Shape.of(input.dim(0), units) : Shape.of(units);
    }

    @Override
    public List<WeightSpec> weights(Shape input) {
        List<WeightSpec> weights = new ArrayList<>(3);
        weights.add(new WeightSpec("kernel", new int[] {input.last(), units}, kernelInitializer));
        weights.add(new WeightSpec("recurrent_kernel", new int[] {units, units}, recurrentInitializer));
        if (useBias) {
            weights.add(new WeightSpec("bias", new int[] {units}, biasInitializer));
        }
        return weights;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimpleRNN that && units == that.units && activation == that.activation
                && useBias == that.useBias && returnSequences == that.returnSequences
                && goBackwards == that.goBackwards && kernelInitializer.equals(that.kernelInitializer)
                && recurrentInitializer.equals(that.recurrentInitializer)
                && biasInitializer.equals(that.biasInitializer) && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(units, activation, useBias, returnSequences, goBackwards, kernelInitializer,
                recurrentInitializer, biasInitializer, name);
    }

    @Override
    public String toString() {
        return "SimpleRNN(units=" + units + ", activation=" + activation.kerasName() + ", useBias=" + useBias
                + ", returnSequences=" + returnSequences + ", goBackwards=" + goBackwards
                + name.map(n -> ", name=" + n).orElse("") + ")";
    }
}
