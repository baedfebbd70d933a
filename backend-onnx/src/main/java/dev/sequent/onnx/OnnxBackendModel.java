package dev.sequent.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sequent.Sequential;
import dev.sequent.Shape;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainStepResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model running in an ONNX Runtime session. {@link #predict} takes a read lock, so calls run
 * in parallel. {@link #setWeights} and {@link #close} take the write lock, so a session is
 * never closed while a call uses it. A call after {@code close} raises
 * {@link IllegalStateException} instead of touching freed native memory.
 */
final class OnnxBackendModel implements BackendModel {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxBackendModel.class);

    private final Sequential model;
    private final OrtEnvironment environment;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private OrtSession session;
    private Weights weights;
    private boolean closed;

    OnnxBackendModel(Sequential model, Weights initialWeights) {
        this.model = model;
        this.environment = OrtRuntime.environment();
        Weights copy = copy(initialWeights);
        this.session = openSession(copy);
        this.weights = copy;
    }

    @Override
    public Tensor predict(Tensor x) {
        checkInput(x);
        lock.readLock().lock();
        try {
            checkOpen("predict");
            if (x.dim(0) == 0) {
                return Tensor.zeros(outputShapeFor(x));
            }
            return run(x);
        } finally {
            lock.readLock().unlock();
        }
    }

    private Tensor run(Tensor x) {
        FloatBuffer input = ByteBuffer.allocateDirect(x.size() * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        input.put(x.toFlatArray()).rewind();
        long[] inputShape = Arrays.stream(x.shape()).asLongStream().toArray();

        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, inputShape);
                OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT_NAME, tensor))) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor output)) {
                throw new IllegalStateException("ONNX Runtime returned " + value.getInfo()
                        + " instead of a tensor for model '" + model.name() + "'.");
            }
            long[] shape = output.getInfo().getShape();
            FloatBuffer values = output.getFloatBuffer();
            float[] array = new float[values.remaining()];
            values.get(array);
            return Tensor.wrap(array, Arrays.stream(shape).mapToInt(Math::toIntExact).toArray());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run model '" + model.name() + "' on input "
                    + Arrays.toString(x.shape()) + ": " + e.getMessage(), e);
        }
    }

    private void checkInput(Tensor x) {
        if (!model.inputShape().accepts(x.shape())) {
            throw new IllegalArgumentException("Model '" + model.name() + "' expects input of shape [batch, "
                    + model.inputShape().toString().substring(1) + " but received " + Arrays.toString(x.shape())
                    + ".");
        }
    }

    private int[] outputShapeFor(Tensor x) {
        int[] sample = model.outputShape().dims();
        int[] shape = new int[sample.length + 1];
        for (int i = 0; i < sample.length; i++) {
            // Only the time axis can be variable, and it then equals the input's time axis.
            shape[i + 1] = sample[i] == Shape.VARIABLE ? x.dim(i + 1) : sample[i];
        }
        return shape;
    }

    /** Throws {@link UnsupportedOperationException}: ONNX Runtime 1.23.2 from Maven Central cannot train. */
    @Override
    public TrainStepResult trainStep(Tensor x, Tensor y) {
        throw inferenceOnly("trainStep");
    }

    /** Throws {@link UnsupportedOperationException}: ONNX Runtime 1.23.2 from Maven Central cannot train. */
    @Override
    public Weights gradients(Tensor x, Tensor y) {
        throw inferenceOnly("gradients");
    }

    private UnsupportedOperationException inferenceOnly(String operation) {
        return new UnsupportedOperationException("The " + OnnxBackendProvider.ID + " backend is inference-only, so"
                + " it cannot run " + operation + " for model '" + model.name() + "'; compile with the 'native' or"
                + " 'tensorflow' backend to train, then export the trained weights.");
    }

    @Override
    public Weights weights() {
        lock.readLock().lock();
        try {
            checkOpen("weights");
            return weights;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Rebuilds the session with the new weights. If that fails, the old session stays in use. */
    @Override
    public void setWeights(Weights newWeights) {
        model.checkWeights(newWeights);
        Weights copy = copy(newWeights);
        lock.writeLock().lock();
        try {
            checkOpen("setWeights");
            OrtSession replacement = openSession(copy);
            closeSession(session);
            session = replacement;
            weights = copy;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeSession(session);
            session = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private OrtSession openSession(Weights values) {
        byte[] bytes = OnnxExporter.toBytes(model, values);
        try {
            return OrtRuntime.createSession(bytes);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to open a session for model '" + model.name()
                    + "': " + e.getMessage(), e);
        }
    }

    private void closeSession(OrtSession toClose) {
        try {
            toClose.close();
        } catch (OrtException e) {
            LOG.warn("Closing the ONNX Runtime session of model '{}' failed", model.name(), e);
        }
    }

    private void checkOpen(String operation) {
        if (closed) {
            throw new IllegalStateException("Cannot call " + operation + " on model '" + model.name()
                    + "' after close(); compile the model again.");
        }
    }

    /** Copies every tensor, so the caller's arrays are not shared with this model. */
    private static Weights copy(Weights weights) {
        Weights.Builder copy = Weights.builder();
        for (Map.Entry<String, Tensor> entry : weights.asMap().entrySet()) {
            copy.put(entry.getKey(), Tensor.of(entry.getValue().toFlatArray(), entry.getValue().shape()));
        }
        return copy.build();
    }
}
