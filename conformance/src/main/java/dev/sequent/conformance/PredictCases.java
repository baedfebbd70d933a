package dev.sequent.conformance;

import static dev.sequent.conformance.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code predict} on batches of size 1 and larger. */
final class PredictCases {

    static final String AREA = "predict";

    private PredictCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.inference(AREA, "Dense, batch of 7 equals each sample alone", context -> {
            Sequential model = Sequential.of(Input.shape(5), Dense.units(8).activation(Activation.RELU),
                    Dense.units(3).activation(Activation.SOFTMAX));
            expectSameBatched(context, model, tensor(Fixtures.spread(7 * 5, 2f, 91), 7, 5));
        }));
        cases.add(ConformanceCase.inference(AREA, "SimpleRNN, batch of 5 equals each sequence alone", context -> {
            Sequential model = Sequential.of(Input.shape(6, 2), SimpleRNN.units(4), Dense.units(2));
            expectSameBatched(context, model, tensor(Fixtures.spread(5 * 6 * 2, 1f, 92), 5, 6, 2));
        }));
        cases.add(ConformanceCase.inference(AREA, "predict twice gives the same result", context -> {
            Sequential model = Sequential.of(Input.shape(3, 2), SimpleRNN.units(3).returnSequences(true));
            Weights weights = DenseCases.spreadWeights(model, 0.7f);
            BackendModel compiled = context.compile(model, weights);
            Tensor x = tensor(Fixtures.spread(4 * 3 * 2, 1f, 93), 4, 3, 2);
            Checks.assertSameTensor("second predict", compiled.predict(x), compiled.predict(x));
        }));
        cases.add(ConformanceCase.inference(AREA, "predict from four threads at once", context -> {
            // The SPI allows concurrent predict calls on one model; each thread must get the
            // result that a single-threaded call gives for its own input.
            Sequential model = Sequential.of(Input.shape(5, 3), SimpleRNN.units(6), Dense.units(2));
            BackendModel compiled = context.compile(model, DenseCases.spreadWeights(model, 0.5f));
            int threads = 4;
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> expected = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                Tensor x = tensor(Fixtures.spread(3 * 5 * 3, 1f, 100 + thread), 3, 5, 3);
                inputs.add(x);
                expected.add(compiled.predict(x));
            }

            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    Tensor x = inputs.get(thread);
                    Tensor alone = expected.get(thread);
                    results.add(executor.submit(() -> {
                        for (int repeat = 0; repeat < 50; repeat++) {
                            if (!compiled.predict(x).equals(alone)) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (int thread = 0; thread < threads; thread++) {
                    assertTrue(results.get(thread).get(), "thread " + thread
                            + " got a result that differs from the single-threaded predict");
                }
            } finally {
                executor.shutdownNow();
            }
        }));
        return cases;
    }

    private static void expectSameBatched(CaseContext context, Sequential model, Tensor batch) {
        Weights weights = DenseCases.spreadWeights(model, 0.7f);
        BackendModel compiled = context.compile(model, weights);
        Tensor together = compiled.predict(batch);
        Checks.assertClose("batch of " + batch.dim(0), Reference.predict(model, weights, batch), together);
        for (int sample = 0; sample < batch.dim(0); sample++) {
            Tensor alone = compiled.predict(batch.slice(sample, sample + 1));
            Tensor row = together.slice(sample, sample + 1);
            // Summation order may differ between batch sizes (blocked or vectorized kernels), so
            // the results may differ by float32 rounding but no more.
            Checks.assertClose("sample " + sample + " alone against the batch", RnnCases.toDoubles(row),
                    row.shape(), alone, 1e-6, 1e-6);
        }
    }
}
