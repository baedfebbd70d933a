package dev.sequent.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sequent.Sequential;
import dev.sequent.onnx.OnnxExporter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The MLP in ONNX Runtime called directly, outside the backend SPI: the model exported by
 * {@link OnnxExporter}, one input tensor on a direct buffer created once and reused, and the
 * output copied into a reused array. This is the floor for ONNX Runtime on this machine, against
 * which the {@code onnx} backend's per-call overhead (a new direct buffer and tensor per call,
 * checks, a new output tensor) can be read off.
 */
@State(Scope.Benchmark)
@Fork(2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnnxRuntimeDirect {

    @Param({"1", "1024"})
    public int batch;

    @Param({"ort-direct-1t", "ort-direct-2t"})
    public String engine;

    private OrtSession session;
    private OnnxTensor input;
    private Map<String, OnnxTensor> inputs;
    private float[] output;

    @Setup(Level.Trial)
    public void createSession() throws OrtException {
        Sequential mlp = Workloads.mlp();
        byte[] model = OnnxExporter.toBytes(mlp, mlp.initialWeights(Workloads.SEED));
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Engine.parse(engine).threads().orElseThrow());
            options.setInterOpNumThreads(1);
            session = environment.createSession(model, options);
        }

        FloatBuffer buffer = ByteBuffer.allocateDirect(batch * Workloads.MLP_FEATURES * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.put(Workloads.mlpInput(batch).toFlatArray()).rewind();
        input = OnnxTensor.createTensor(environment, buffer, new long[] {batch, Workloads.MLP_FEATURES});
        inputs = Map.of(OnnxExporter.INPUT_NAME, input);
        output = new float[batch * Workloads.MLP_CLASSES];
    }

    @Benchmark
    public float[] run() throws OrtException {
        try (OrtSession.Result result = session.run(inputs)) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(output);
        }
        return output;
    }

    @TearDown(Level.Trial)
    public void close() throws OrtException {
        input.close();
        session.close();
    }
}
