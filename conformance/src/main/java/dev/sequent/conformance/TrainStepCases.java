package dev.sequent.conformance;

import static dev.sequent.conformance.Fixtures.d;
import static dev.sequent.conformance.Fixtures.f;
import static dev.sequent.conformance.Fixtures.shape;
import static dev.sequent.conformance.Fixtures.tensor;
import static dev.sequent.conformance.Fixtures.weights;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizers;
import java.util.ArrayList;
import java.util.List;

/** The {@code trainStep}, {@code gradients} and {@code setWeights} contract of {@link BackendModel}. */
final class TrainStepCases {

    static final String AREA = "train_step";

    private static final double ABSOLUTE = 1e-6;
    private static final double RELATIVE = 1e-6;

    private TrainStepCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();

        cases.add(ConformanceCase.training(AREA, "loss and predictions from before the update", context -> {
            // Dense(1) without bias, kernel 2, x = 1, target 0, mean squared error, SGD 0.1.
            // step 1: prediction 2, loss 4, gradient 2 * (2 - 0) * 1 = 4, kernel 2 - 0.4 = 1.6
            // step 2: prediction 1.6, loss 2.56, gradient 3.2, kernel 1.6 - 0.32 = 1.28
            Sequential model = Sequential.of(Input.shape(1), Dense.units(1).useBias(false));
            BackendModel compiled = context.compile(model, Optimizers.sgd(0.1f), Loss.MEAN_SQUARED_ERROR,
                    weights("dense/kernel", tensor(f(2), 1, 1)));
            Tensor x = tensor(f(1), 1, 1);
            Tensor y = tensor(f(0), 1, 1);

            TrainStepResult first = compiled.trainStep(x, y);
            assertTrue(first.applied(), "step 1 must be applied");
            Checks.assertValue("loss of step 1", 4, first.loss(), ABSOLUTE, RELATIVE);
            Checks.assertClose("predictions of step 1", d(2), shape(1, 1), first.predictions(), ABSOLUTE, RELATIVE);
            Checks.assertClose("predict after step 1", d(1.6), shape(1, 1), compiled.predict(x), ABSOLUTE, RELATIVE);

            TrainStepResult second = compiled.trainStep(x, y);
            Checks.assertValue("loss of step 2", 2.56, second.loss(), ABSOLUTE, RELATIVE);
            Checks.assertClose("predictions of step 2", d(1.6), shape(1, 1), second.predictions(), ABSOLUTE,
                    RELATIVE);
            Checks.assertWeight("after step 2", compiled.weights(), "dense/kernel", d(1.28), shape(1, 1), ABSOLUTE,
                    RELATIVE);
        }));

        cases.add(ConformanceCase.training(AREA, "non-finite loss leaves weights and Adam state unchanged", context -> {
            // SimpleRNN(1, relu) without bias over 60 steps, kernel 1, recurrent 10, Adam defaults.
            // All-ones input overflows to +Infinity (see the simple_rnn overflow case), so the
            // mean squared error is +Infinity and the step must not be applied.
            // Then x = [0, ..., 0, 1], target 0: h_t = 0 until the last step, h_60 = 1, loss 1,
            // dL/dh_60 = 2, so the gradients are kernel 2 * x_60 = 2 and recurrent 2 * h_59 = 0.
            // As Adam's first step (the failed one must not count): m = 0.2, v = 0.004,
            // alpha = 3.16227766e-4, update = alpha * 0.2 / (sqrt(0.004) + 1e-7) = 9.99998419e-4,
            // kernel 1 - 9.99998419e-4 = 0.999000001581; the recurrent kernel gets 0 / (0 + 1e-7) = 0.
            // Had the failed step counted as step 1, the update would be about 7.4e-4.
            int steps = 60;
            Sequential model = Sequential.of(Input.shape(steps, 1),
                    SimpleRNN.units(1).activation(Activation.RELU).useBias(false));
            Weights initial = weights("simple_rnn/kernel", tensor(f(1), 1, 1), "simple_rnn/recurrent_kernel",
                    tensor(f(10), 1, 1));
            BackendModel compiled = context.compile(model, Optimizers.adam(), Loss.MEAN_SQUARED_ERROR, initial);
            float[] ones = new float[steps];
            java.util.Arrays.fill(ones, 1f);
            Tensor y = tensor(f(0), 1, 1);

            TrainStepResult overflow = compiled.trainStep(tensor(ones, 1, steps, 1), y);
            assertFalse(overflow.applied(), "a step with a non-finite loss must report applied = false");
            assertFalse(Double.isFinite(overflow.loss()), "the loss must be reported as it is, not finite: "
                    + overflow.loss());
            Checks.assertSameTensorsOf("weights after the rejected step", initial, compiled.weights());

            float[] lastOnly = new float[steps];
            lastOnly[steps - 1] = 1f;
            TrainStepResult normal = compiled.trainStep(tensor(lastOnly, 1, steps, 1), y);
            assertTrue(normal.applied(), "the following finite step must be applied");
            Checks.assertValue("loss of the finite step", 1, normal.loss(), ABSOLUTE, RELATIVE);
            Weights after = compiled.weights();
            Checks.assertWeight("after the finite step", after, "simple_rnn/kernel", d(0.999000001581), shape(1, 1),
                    ABSOLUTE, RELATIVE);
            Checks.assertWeight("after the finite step", after, "simple_rnn/recurrent_kernel", d(10), shape(1, 1),
                    ABSOLUTE, RELATIVE);
        }));

        cases.add(ConformanceCase.training(AREA, "gradients change nothing", context -> {
            Sequential model = Sequential.of(Input.shape(3), Dense.units(2).activation(Activation.TANH));
            Weights initial = DenseCases.spreadWeights(model, 0.5f);
            BackendModel compiled = context.compile(model, Optimizers.adam(), Loss.MEAN_SQUARED_ERROR, initial);
            Tensor x = tensor(Fixtures.spread(6, 1f, 71), 2, 3);
            Tensor y = tensor(Fixtures.spread(4, 1f, 72), 2, 2);
            Weights first = compiled.gradients(x, y);
            Weights second = compiled.gradients(x, y);
            Checks.assertSameTensorsOf("weights after two gradients calls", initial, compiled.weights());
            Checks.assertSameTensorsOf("a repeated gradients call", first, second);

            // A step after the two gradients calls is Adam's first step.
            compiled.trainStep(x, y);
            BackendModel fresh = context.compile(model, Optimizers.adam(), Loss.MEAN_SQUARED_ERROR, initial);
            fresh.trainStep(x, y);
            Weights expected = fresh.weights();
            for (String name : expected.names()) {
                Checks.assertClose("first step after gradients, " + name, RnnCases.toDoubles(expected.get(name)),
                        expected.get(name).shape(), compiled.weights().get(name), 1e-7, 1e-7);
            }
        }));

        cases.add(ConformanceCase.training(AREA, "weights returns a copy", context -> {
            // A snapshot taken before a step must not change when the step updates the model.
            Sequential model = Sequential.of(Input.shape(2), Dense.units(2));
            Weights initial = DenseCases.spreadWeights(model, 0.5f);
            BackendModel compiled = context.compile(model, Optimizers.sgd(0.5f), Loss.MEAN_SQUARED_ERROR, initial);
            Weights snapshot = compiled.weights();
            assertTrue(compiled.trainStep(tensor(f(1, -1), 1, 2), tensor(f(3, -3), 1, 2)).applied(),
                    "the step must be applied");
            Checks.assertSameTensorsOf("snapshot taken before the step", initial, snapshot);
            assertFalse(compiled.weights().equals(initial), "the step must change the model's weights");
        }));

        cases.add(ConformanceCase.training(AREA, "setWeights then weights round trip", context -> {
            Sequential model = Sequential.of(Input.shape(2, 3), SimpleRNN.units(2), Dense.units(1));
            Weights first = DenseCases.spreadWeights(model, 0.5f);
            Weights second = DenseCases.spreadWeights(model, 0.9f);
            BackendModel compiled = context.compile(model, Optimizers.sgd(0.1f), Loss.MEAN_SQUARED_ERROR, first);
            Checks.assertSameTensorsOf("weights after compile", first, compiled.weights());
            compiled.setWeights(second);
            Checks.assertSameTensorsOf("weights after setWeights", second, compiled.weights());
            Tensor x = tensor(Fixtures.spread(6, 1f, 81), 1, 2, 3);
            Checks.assertClose("predict after setWeights", Reference.predict(model, second, x), compiled.predict(x));
        }));
        return cases;
    }
}
