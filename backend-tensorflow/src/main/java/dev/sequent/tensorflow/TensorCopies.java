package dev.sequent.tensorflow;

import dev.sequent.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Copies between Sequent tensors (Java heap) and TensorFlow tensors (native memory). */
final class TensorCopies {

    private TensorCopies() {
    }

    /** Returns a new native tensor with a copy of {@code tensor}'s values; the caller closes it. */
    static TFloat32 toTensorFlow(Tensor tensor) {
        float[] values = new float[tensor.size()];
        tensor.copyTo(0, values, 0, values.length);
        return TFloat32.tensorOf(shapeOf(tensor.shape()), DataBuffers.of(values, true, false));
    }

    /** Returns a new native scalar tensor; the caller closes it. */
    static TFloat32 scalar(float value) {
        return TFloat32.scalarOf(value);
    }

    /** Copies a native tensor into a new Sequent tensor of the same shape. */
    static Tensor fromTensorFlow(TFloat32 tensor) {
        long[] dims = tensor.shape().asArray();
        int[] shape = new int[dims.length];
        for (int axis = 0; axis < dims.length; axis++) {
            shape[axis] = Math.toIntExact(dims[axis]);
        }
        float[] values = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return Tensor.wrap(values, shape);
    }

    /** Converts Sequent dimensions to a TensorFlow shape; -1 stays an unknown size in both. */
    static Shape shapeOf(int[] dims) {
        long[] longs = new long[dims.length];
        for (int axis = 0; axis < dims.length; axis++) {
            longs[axis] = dims[axis];
        }
        return Shape.of(longs);
    }
}
