package dev.sequent.conformance;

import static dev.sequent.conformance.Fixtures.d;
import static dev.sequent.conformance.Fixtures.f;
import static dev.sequent.conformance.Fixtures.shape;
import static dev.sequent.conformance.Fixtures.tensor;
import static dev.sequent.conformance.Fixtures.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.OptimizerState;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.spi.BackendModel;
import dev.sequent.train.Adam;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizer;
import dev.sequent.train.Optimizers;
import dev.sequent.train.RmsProp;
import dev.sequent.train.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Weights after one and two optimizer steps, derived by hand from the Keras 3 update formulas.
 *
 * <p>Every case uses the same problem, chosen so that the gradient is the constant
 * {@code g = [1, 2]}: a bias-free Dense(1) with kernel {@code w = [0.5, -0.5]}, input
 * {@code x = [1, 2]}, target -10 and mean absolute error. The prediction
 * {@code y = 0.5 - 1 = -0.5} stays above the target during both steps, so
 * {@code dL/dw = sign(y - t) * x = [1, 2]} at both steps.
 */
final class OptimizerCases {

    static final String AREA = "optimizer";

    /**
     * The weights are about 0.5 in size, where float32 values are 6e-8 apart, and each update
     * takes a few float32 operations. A bound of 1e-6 still separates every formula mistake
     * checked here: the smallest, a missing Adam bias correction, moves a weight by about 2e-3.
     */
    private static final double ABSOLUTE = 1e-6;
    private static final double RELATIVE = 1e-6;

    /** The shared problem: kernel [0.5, -0.5], input [1, 2], target -10. */
    private static final Weights INITIAL = weights("dense/kernel", tensor(f(0.5f, -0.5f), 2, 1));
    private static final Tensor PROBLEM_X = tensor(f(1, 2), 1, 2);
    private static final Tensor PROBLEM_Y = tensor(f(-10), 1, 1);

    private OptimizerCases() {
    }

    /** An optimizer and the kernel expected after its first and second step on the shared problem. */
    record TwoSteps(String name, Optimizer optimizer, double[] afterOne, double[] afterTwo) {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (TwoSteps expectation : expectations()) {
            cases.add(ConformanceCase.training(AREA, expectation.name(), context -> expectTwoSteps(context,
                    expectation.optimizer(), expectation.afterOne(), expectation.afterTwo())));
        }
        cases.add(ConformanceCase.training(AREA, "adam state export and resume", context -> {
            // After Adam's first step on the shared problem (see the adam table entry) the state is
            // step 1, m = 0.1 g = [0.1, 0.2] and v = 0.001 g^2 = [0.001, 0.004]. A second model
            // given the weights and this state must take Adam's second step, not a first one.
            // Exporting and importing optimizer state is optional in the SPI, so a backend that
            // does neither is counted as unsupported.
            BackendModel first = compileProblem(context, Optimizers.adam(), INITIAL);
            first.trainStep(PROBLEM_X, PROBLEM_Y);
            Optional<OptimizerState> exported = first.optimizerState();
            Assumptions.assumeTrue(exported.isPresent(), () -> "backend '" + context.provider().id()
                    + "' does not export optimizer state");
            OptimizerState state = exported.get();
            assertEquals(1, state.step(), "updates applied");
            List<Tensor> slots = state.slots().get("dense/kernel");
            assertEquals(2, slots.size(), "Adam slots of dense/kernel (m, v)");
            Checks.assertClose("m", d(0.1, 0.2), shape(2, 1), slots.get(0), 1e-8, 1e-6);
            // In float32, 1 - 0.999 is 9.999871e-4, so v is 1.3e-5 below 0.001 g^2 in relative terms.
            Checks.assertClose("v", d(0.001, 0.004), shape(2, 1), slots.get(1), 1e-9, 2e-5);

            BackendModel resumed = compileProblem(context, Optimizers.adam(), first.weights());
            try {
                resumed.setOptimizerState(state);
            } catch (UnsupportedOperationException e) {
                Assumptions.abort("backend '" + context.provider().id() + "' cannot import optimizer state: "
                        + e.getMessage());
            }
            resumed.trainStep(PROBLEM_X, PROBLEM_Y);
            TwoSteps adam = expectations().stream().filter(e -> e.optimizer() instanceof Adam).findFirst()
                    .orElseThrow();
            Checks.assertWeight("resumed, after step 2", resumed.weights(), "dense/kernel", adam.afterTwo(),
                    shape(2, 1), ABSOLUTE, RELATIVE);
        }));
        return cases;
    }

    static List<TwoSteps> expectations() {
        List<TwoSteps> expectations = new ArrayList<>();

        // w1 = w - 0.1 g = [0.4, -0.7]; w2 = w1 - 0.1 g = [0.3, -0.9]
        expectations.add(new TwoSteps("sgd", Optimizers.sgd(0.1f), d(0.4, -0.7), d(0.3, -0.9)));

        // m1 = -0.1 g = [-0.1, -0.2];              w1 = w + m1 = [0.4, -0.7]
        // m2 = 0.9 m1 - 0.1 g = [-0.19, -0.38];    w2 = w1 + m2 = [0.21, -1.08]
        expectations.add(new TwoSteps("sgd with momentum 0.9", Optimizers.sgd(0.1f).withMomentum(0.9f), d(0.4, -0.7),
                d(0.21, -1.08)));

        // m1 = [-0.1, -0.2];    w1 = w + 0.9 m1 - 0.1 g = [0.5 - 0.09 - 0.1, -0.5 - 0.18 - 0.2] = [0.31, -0.88]
        // m2 = [-0.19, -0.38];  w2 = w1 + 0.9 m2 - 0.1 g = [0.31 - 0.171 - 0.1, -0.88 - 0.342 - 0.2]
        //                                                = [0.039, -1.422]
        expectations.add(new TwoSteps("sgd with Nesterov momentum 0.9", new Sgd(0.1f, 0.9f, true), d(0.31, -0.88),
                d(0.039, -1.422)));

        // Adam, lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.
        // step 1: m = 0.1 g = [0.1, 0.2], v = 0.001 g^2 = [0.001, 0.004]
        //   alpha = 0.001 * sqrt(1 - 0.999) / (1 - 0.9) = 3.16227766e-4
        //   update = alpha * m / (sqrt(v) + 1e-7) = [9.99996838e-4, 9.99998419e-4]
        //   w1 = [0.499000003162, -0.500999998419]
        // step 2: m = m + (g - m) * 0.1 = [0.19, 0.38], v = v + (g^2 - v) * 0.001 = [0.001999, 0.007996]
        //   alpha = 0.001 * sqrt(1 - 0.999^2) / (1 - 0.9^2) = 0.001 * 0.0447101778 / 0.19 = 2.35316725e-4
        //   update = alpha * m / (sqrt(v) + 1e-7) = [9.99997763e-4, 9.99998882e-4]
        //   w2 = [0.498000005399, -0.501999997301]
        // Without the bias correction the first update would be 0.001 * 0.1 / sqrt(0.001) = 3.2e-3.
        expectations.add(new TwoSteps("adam with the Keras defaults", Optimizers.adam(),
                d(0.499000003162, -0.500999998419),
                d(0.498000005399, -0.501999997301)));

        // RMSprop, lr 0.01, rho 0.9, epsilon 1e-7 (all variants below).
        // step 1: v = 0.1 g^2 = [0.1, 0.4]; increment = 0.01 g / sqrt(v + 1e-7)
        //   = [0.01 / sqrt(0.1000001), 0.02 / sqrt(0.4000001)] = [0.0316227608, 0.0316227726]
        //   w1 = [0.4683772392, -0.5316227726]
        // step 2: v = 0.9 v + 0.1 g^2 = [0.19, 0.76]
        //   increment = [0.01 / sqrt(0.1900001), 0.02 / sqrt(0.7600001)] = [0.0229415673, 0.0229415719]
        //   w2 = [0.4454356719, -0.5545643445]
        expectations.add(new TwoSteps("rmsprop", rmsprop(0f, false), d(0.4683772392, -0.5316227726),
                d(0.4454356719, -0.5545643445)));

        // momentum 0.9, with the increments of the plain case. p1 = increment1, so w1 is the same as without momentum.
        // p2 = 0.9 p1 + increment2 = [0.0284604847 + 0.0229415673, 0.0284604954 + 0.0229415719]
        //    = [0.0514020520, 0.0514020673];  w2 = w1 - p2 = [0.4169751872, -0.5830248399]
        expectations.add(new TwoSteps("rmsprop with momentum 0.9", rmsprop(0.9f, false),
                d(0.4683772392, -0.5316227726),
                d(0.4169751872, -0.5830248399)));

        // centered. step 1: v = [0.1, 0.4], a = 0.1 g = [0.1, 0.2], denominator v - a^2 + 1e-7 = [0.0900001, 0.3600001]
        //   increment = [0.01 / 0.30000017, 0.02 / 0.60000008] = [0.0333333148, 0.0333333287]
        //   w1 = [0.4666666852, -0.5333333287]
        // step 2: v = [0.19, 0.76], a = 0.9 a + 0.1 g = [0.19, 0.38]
        //   denominator = [0.19 - 0.0361, 0.76 - 0.1444] + 1e-7 = [0.1539001, 0.6156001]
        //   increment = [0.01 / sqrt(0.1539001), 0.02 / sqrt(0.6156001)] = [0.0254906288, 0.0254906350]
        //   w2 = [0.4411760564, -0.5588239637]
        expectations.add(new TwoSteps("centered rmsprop", rmsprop(0f, true), d(0.4666666852, -0.5333333287),
                d(0.4411760564, -0.5588239637)));
        return expectations;
    }

    private static RmsProp rmsprop(float momentum, boolean centered) {
        return new RmsProp(0.01f, 0.9f, momentum, 1e-7f, centered);
    }

    private static BackendModel compileProblem(CaseContext context, Optimizer optimizer, Weights weights) {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(1).useBias(false));
        return context.compile(model, optimizer, Loss.MEAN_ABSOLUTE_ERROR, weights);
    }

    private static void expectTwoSteps(CaseContext context, Optimizer optimizer, double[] afterOne,
            double[] afterTwo) {
        BackendModel compiled = compileProblem(context, optimizer, INITIAL);
        Tensor x = PROBLEM_X;
        Tensor y = PROBLEM_Y;
        String name = optimizer.toString();

        Checks.assertWeight(name + ", gradient at the start", compiled.gradients(x, y), "dense/kernel", d(1, 2),
                shape(2, 1), ABSOLUTE, RELATIVE);
        assertTrue(compiled.trainStep(x, y).applied(), name + ": step 1 must be applied");
        Checks.assertWeight(name + ", after step 1", compiled.weights(), "dense/kernel", afterOne, shape(2, 1),
                ABSOLUTE, RELATIVE);
        assertTrue(compiled.trainStep(x, y).applied(), name + ": step 2 must be applied");
        Checks.assertWeight(name + ", after step 2", compiled.weights(), "dense/kernel", afterTwo, shape(2, 1),
                ABSOLUTE, RELATIVE);
    }
}
