package dev.sequent.examples;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.Tensor;
import dev.sequent.onnx.LoadedOnnxModel;
import dev.sequent.onnx.OnnxExporter;
import dev.sequent.onnx.OnnxModels;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains the digits network on a training backend, exports it to {@code digits.onnx} in the
 * working directory, loads that file on the {@code onnx} backend (ONNX Runtime), and prints the
 * test accuracy of both, which must agree: the file is what a Python, C++ or JavaScript ONNX
 * runtime would serve.
 */
public final class DigitsOnnxExample {

    /** The path of the exported model, relative to the working directory. */
    public static final Path OUTPUT = Path.of("digits.onnx");

    private DigitsOnnxExample() {
    }

    /**
     * Runs the example.
     *
     * @return the two test accuracies: on the training backend, then on ONNX Runtime
     */
    public static double[] run(ExampleOptions options, PrintStream out) {
        return run(options, out, OUTPUT);
    }

    /** Runs the example, exporting to {@code file}. */
    static double[] run(ExampleOptions options, PrintStream out, Path file) {
        DigitsData test = DigitsData.test();
        Tensor x = Tensor.of(test.scaledPixels());
        Tensor y = Tensor.labels(test.labels());

        double trainedAccuracy;
        String trainedOn;
        try (CompiledModel trained = DigitsExample.train(options, out)) {
            trainedOn = trained.backendId();
            trainedAccuracy = trained.evaluate(x, y).metric("accuracy");
            OnnxExporter.export(trained.model(), trained.weights(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.toAbsolutePath(), e);
        }
        out.println("Exported " + file.toAbsolutePath() + " (opset " + OnnxExporter.OPSET_VERSION + ")");

        LoadedOnnxModel loaded;
        try {
            loaded = OnnxModels.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
        CompileOptions serving = CompileOptions.inference().loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .metrics(Metric.ACCURACY).backend("onnx");
        double servedAccuracy;
        try (CompiledModel served = loaded.model().compile(serving)) {
            served.setWeights(loaded.weights());
            servedAccuracy = served.evaluate(x, y).metric("accuracy");
        }

        out.printf(Locale.ROOT, "Test accuracy on %-10s %.4f%n", trainedOn + ":", trainedAccuracy);
        out.printf(Locale.ROOT, "Test accuracy on %-10s %.4f%n", "onnx:", servedAccuracy);
        out.println(trainedAccuracy == servedAccuracy
                ? "The exported file gives the same test accuracy on ONNX Runtime."
                : "The accuracies differ: the exported file does not reproduce the trained model.");
        return new double[] {trainedAccuracy, servedAccuracy};
    }
}
