package dev.sequent.examples;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.EvaluationResult;
import dev.sequent.FitOptions;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Classifies the optdigits handwritten digits with a dense network: 64 pixel counts scaled by
 * 1/16, then Dense 64 relu, Dense 64 relu and Dense 10 softmax. It trains with Adam and sparse
 * categorical cross-entropy on the 3,823 training samples, the last 10% held out for
 * validation, and reports accuracy on the 1,797 test samples.
 */
public final class DigitsExample {

    /** Default number of epochs. */
    public static final int DEFAULT_EPOCHS = 20;

    /** Mini-batch size. */
    public static final int BATCH_SIZE = 32;

    private DigitsExample() {
    }

    /** Builds the network, without weights. */
    public static Sequential model() {
        return Sequential.named("digits", Input.shape(DigitsData.FEATURES),
                Dense.units(64).activation(Activation.RELU),
                Dense.units(64).activation(Activation.RELU),
                Dense.units(DigitsData.CLASSES).activation(Activation.SOFTMAX));
    }

    /**
     * Trains the network and prints its summary, the training progress and the test accuracy.
     *
     * @return the accuracy on the test set, between 0 and 1
     */
    public static double run(ExampleOptions options, PrintStream out) {
        DigitsData test = DigitsData.test();
        try (CompiledModel compiled = train(options, out)) {
            EvaluationResult result = compiled.evaluate(Tensor.of(test.scaledPixels()), Tensor.labels(test.labels()));
            double accuracy = result.metric("accuracy");
            out.printf(Locale.ROOT, "Test loss: %.4f, test accuracy: %.4f (%d of %d digits correct)%n", result.loss(),
                    accuracy, Math.round(accuracy * test.size()), test.size());
            return accuracy;
        }
    }

    /**
     * Compiles and trains the network on the training samples, printing the data sizes, the
     * summary and the progress. The caller closes the returned model.
     */
    static CompiledModel train(ExampleOptions options, PrintStream out) {
        DigitsData train = DigitsData.training();
        out.printf(Locale.ROOT, "Digits: %d training and %d test samples, %d features, %d classes%n", train.size(),
                DigitsData.test().size(), DigitsData.FEATURES, DigitsData.CLASSES);

        Sequential model = model();
        out.println(model.summary());

        CompileOptions compileOptions = options.applyTo(
                CompileOptions.training(Optimizers.adam(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                        .metrics(Metric.ACCURACY));
        CompiledModel compiled = model.compile(compileOptions);
        try {
            out.println("Backend: " + compiled.backendId());
            long start = System.nanoTime();
            compiled.fit(Tensor.of(train.scaledPixels()), Tensor.labels(train.labels()),
                    FitOptions.epochs(options.epochsOr(DEFAULT_EPOCHS)).batchSize(BATCH_SIZE).validationSplit(0.1)
                            .progressOutput(out));
            out.printf(Locale.ROOT, "Training took %.1f s%n", (System.nanoTime() - start) / 1e9);
            return compiled;
        } catch (RuntimeException e) {
            compiled.close();
            throw e;
        }
    }
}
