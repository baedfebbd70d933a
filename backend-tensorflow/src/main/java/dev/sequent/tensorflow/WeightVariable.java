package dev.sequent.tensorflow;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One float variable in the graph, a model weight or an optimizer slot: the variable, the single
 * {@code Identity} read that every other op uses, and a placeholder with an assign op that loads
 * new values.
 *
 * <p>All ops read the variable through {@link #read} instead of the variable itself: in
 * TensorFlow Java 1.1.0, gradient construction crashed the JVM (SIGSEGV) when a variable fed
 * ops such as {@code Square} directly, and the identity read avoided it.
 */
final class WeightVariable {

    final String name;
    final int[] shape;
    final Variable<TFloat32> variable;
    final Identity<TFloat32> read;
    final Placeholder<TFloat32> newValue;
    final Assign<TFloat32> assign;

    private WeightVariable(String name, int[] shape, Variable<TFloat32> variable, Identity<TFloat32> read,
            Placeholder<TFloat32> newValue, Assign<TFloat32> assign) {
        this.name = name;
        this.shape = shape;
        this.variable = variable;
        this.read = read;
        this.newValue = newValue;
        this.assign = assign;
    }

    /**
     * Adds the variable, its read and its assign op to the graph behind {@code tf}.
     *
     * @param name the Keras name, such as {@code dense/kernel}; it also names the ops
     */
    static WeightVariable create(Ops tf, String name, int[] shape) {
        Ops scope = tf.withSubScope(opName(name));
        Shape tfShape = TensorCopies.shapeOf(shape);
        Variable<TFloat32> variable = scope.withName("variable").variable(tfShape, TFloat32.class);
        Identity<TFloat32> read = scope.withName("read").identity(variable);
        Placeholder<TFloat32> newValue = scope.withName("new_value")
                .placeholder(TFloat32.class, Placeholder.shape(tfShape));
        Assign<TFloat32> assign = scope.withName("assign").assign(variable, newValue);
        return new WeightVariable(name, shape.clone(), variable, read, newValue, assign);
    }

    /** Turns a Keras weight name such as {@code dense/kernel} into a valid TensorFlow scope name. */
    static String opName(String weightName) {
        return "weight_" + weightName.replaceAll("[^A-Za-z0-9_.\\-]", "_");
    }
}
