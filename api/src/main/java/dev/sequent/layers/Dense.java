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
 * A densely connected layer: {@code output = activation(input · kernel + bias)}.
 *
 * <p>Input {@code [batch, features]} gives output {@code [batch, units]}. Input
 * {@code [batch, timesteps, features]} is transformed at every time step and gives
 * {@code [batch, timesteps, units]}, as in Keras.
 *
 * <ul>
 *   <li>{@code units}: the output width, positive.
 *   <li>{@code activation}: default {@link Activation#LINEAR}.
 *   <li>{@code useBias}: default true.
 *   <li>{@code kernelInitializer}: default glorot-uniform; the kernel is {@code [features, units]}.
 *   <li>{@code biasInitializer}: default zeros; the bias is {@code [units]}.
 * </ul>
 *
 * <p>Instances are immutable; each {@code with} method returns a new layer.
 */
public final class Dense implements Layer {

    private final int units;
    private final Activation activation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Optional<String> name;

    private Dense(int units, Activation activation, boolean useBias, Initializer kernelInitializer,
            Initializer biasInitializer, Optional<String> name) {
        this.units = units;
        this.activation = activation;
        this.useBias = useBias;
        this.kernelInitializer = kernelInitializer;
        this.biasInitializer = biasInitializer;
        this.name = name;
    }

    /**
     * Creates a linear Dense layer with {@code units} outputs and the Keras defaults.
     *
     * @throws IllegalArgumentException if {@code units <= 0}
     */
    public static Dense units(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense units must be positive, but was " + units + ".");
        }
        return new Dense(units, Activation.LINEAR, true, Initializers.glorotUniform(), Initializers.zeros(),
                Optional.empty());
    }

    /** Returns a copy with the given activation. */
    public Dense activation(Activation activation) {
        return new Dense(units, Objects.requireNonNull(activation, "activation"), useBias, kernelInitializer,
                biasInitializer, name);
    }

    /** Returns a copy that does or does not add a bias. */
    public Dense useBias(boolean useBias) {
        return new Dense(units, activation, useBias, kernelInitializer, biasInitializer, name);
    }

    /** Returns a copy whose kernel is drawn by the given initializer. */
    public Dense kernelInitializer(Initializer initializer) {
        return new Dense(units, activation, useBias, Objects.requireNonNull(initializer, "initializer"),
                biasInitializer, name);
    }

    /** Returns a copy whose bias is drawn by the given initializer. */
    public Dense biasInitializer(Initializer initializer) {
        return new Dense(units, activation, useBias, kernelInitializer,
                Objects.requireNonNull(initializer, "initializer"), name);
    }

    /**
     * Returns a copy with a fixed name instead of a generated one.
     *
     * @throws IllegalArgumentException if the name is blank or contains {@code '/'}
     */
    public Dense name(String name) {
        return new Dense(units, activation, useBias, kernelInitializer, biasInitializer,
                Optional.of(LayerNames.check(name)));
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

    public Initializer kernelInitializer() {
        return kernelInitializer;
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
        return "Dense";
    }

    @Override
    public String namePrefix() {
        return "dense";
    }

    @Override
    public Shape outputShape(Shape input, String layerName) {
        if (input.rank() < 1 || input.rank() > 2) {
            throw new ModelDefinitionException("Layer '" + layerName + "' (Dense) expects input [features] or"
                    + " [timesteps, features] per sample, but received " + input + ".");
        }
        if (input.last() == Shape.VARIABLE) {
            throw new ModelDefinitionException("Layer '" + layerName + "' (Dense) needs a fixed number of input"
                    + " features, but received " + input + ".");
        }
        return input.withLast(units);
    }

    @Override
    public List<WeightSpec> weights(Shape input) {
        List<WeightSpec> weights = new ArrayList<>(2);
        weights.add(new WeightSpec("kernel", new int[] {input.last(), units}, kernelInitializer));
        if (useBias) {
            weights.add(new WeightSpec("bias", new int[] {units}, biasInitializer));
        }
        return weights;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dense that && units == that.units && activation == that.activation
                && useBias == that.useBias && kernelInitializer.equals(that.kernelInitializer)
                && biasInitializer.equals(that.biasInitializer) && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(units, activation, useBias, kernelInitializer, biasInitializer, name);
    }

    @Override
    public String toString() {
        return "Dense(units=" + units + ", activation=" + activation.kerasName() + ", useBias=" + useBias
                + name.map(n -> ", name=" + n).orElse("") + ")";
    }
}
