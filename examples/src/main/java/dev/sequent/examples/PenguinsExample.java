package dev.sequent.examples;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.EvaluationResult;
import dev.sequent.FitOptions;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.data.Standardizer;
import dev.sequent.init.SeededRandom;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Classifies the species of the Palmer penguins (Adelie, Chinstrap or Gentoo) from four
 * measurements and the island, with Dense 16 relu and Dense 3 softmax.
 *
 * <p>The steps show how to prepare a real table. Rows with a missing measurement are dropped,
 * because the library rejects NaN inputs. The remaining rows split 80/20 into training and test
 * parts, stratified by species and shuffled with the seed from the command line. The four
 * measurements are standardized with statistics of the training part only, and the island is
 * one-hot encoded into three columns. Sex is not a feature. The test accuracy is printed beside
 * the majority-class baseline: always predicting the most frequent species of the training part.
 */
public final class PenguinsExample {

    /** Default number of epochs. */
    public static final int DEFAULT_EPOCHS = 40;

    /** Mini-batch size. */
    public static final int BATCH_SIZE = 16;

    /** Share of each species held out for the test part. */
    public static final double TEST_FRACTION = 0.2;

    /** Input columns: the four standardized measurements, then one column per island. */
    static final int FEATURES = PenguinsData.MEASUREMENTS + PenguinsData.ISLANDS.size();

    /**
     * Row indices of a train/test split, each array in ascending order.
     *
     * @param train indices of the training rows
     * @param test indices of the test rows
     */
    record TrainTestSplit(int[] train, int[] test) {
    }

    /**
     * Measurements of one run.
     *
     * @param testAccuracy the model's accuracy on the test part, between 0 and 1
     * @param baselineAccuracy the test accuracy of always predicting the training part's most
     *     frequent species
     * @param droppedRows rows dropped for a missing measurement
     * @param trainRows rows in the training part
     * @param testRows rows in the test part
     */
    public record Result(double testAccuracy, double baselineAccuracy, int droppedRows, int trainRows,
            int testRows) {
    }

    private PenguinsExample() {
    }

    /** Builds the network, without weights. */
    public static Sequential model() {
        return Sequential.named("penguins", Input.shape(FEATURES),
                Dense.units(16).activation(Activation.RELU),
                Dense.units(PenguinsData.SPECIES.size()).activation(Activation.SOFTMAX));
    }

    /**
     * Returns one row per island name with a 1 in that island's column of
     * {@link PenguinsData#ISLANDS} and 0 elsewhere.
     *
     * @throws IllegalArgumentException if a name is not in {@link PenguinsData#ISLANDS}
     */
    static float[][] oneHotIslands(List<String> islands) {
        float[][] rows = new float[islands.size()][PenguinsData.ISLANDS.size()];
        for (int row = 0; row < islands.size(); row++) {
            int column = PenguinsData.ISLANDS.indexOf(islands.get(row));
            if (column < 0) {
                throw new IllegalArgumentException("Unknown island '" + islands.get(row) + "' in row " + row
                        + "; expected one of " + PenguinsData.ISLANDS + ".");
            }
            rows[row][column] = 1f;
        }
        return rows;
    }

    /**
     * Splits row indices by class. Each class's rows are shuffled with {@code seed}, and
     * {@code round(testFraction * count)} of them go to the test part, so both parts keep the class
     * proportions of the whole.
     *
     * @param labels class index of each row, 0 to {@code classes - 1}
     * @throws IllegalArgumentException if a label is outside {@code [0, classes)} or
     *     {@code testFraction} is not strictly between 0 and 1
     */
    static TrainTestSplit stratifiedSplit(int[] labels, int classes, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be between 0 and 1 (exclusive), but was "
                    + testFraction + ".");
        }
        List<List<Integer>> rowsByClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            rowsByClass.add(new ArrayList<>());
        }
        for (int row = 0; row < labels.length; row++) {
            if (labels[row] < 0 || labels[row] >= classes) {
                throw new IllegalArgumentException("Label " + labels[row] + " at row " + row + " is outside [0, "
                        + classes + ").");
            }
            rowsByClass.get(labels[row]).add(row);
        }

        SeededRandom random = new SeededRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : rowsByClass) {
            int[] shuffled = rows.stream().mapToInt(Integer::intValue).toArray();
            random.shuffle(shuffled);
            int testCount = (int) Math.round(testFraction * shuffled.length);
            for (int i = 0; i < shuffled.length; i++) {
                (i < testCount ? test : train).add(shuffled[i]);
            }
        }
        return new TrainTestSplit(sortedArray(train), sortedArray(test));
    }

    /**
     * Returns the model inputs for {@code penguins}: the measurements standardized by
     * {@code scaler}, then the one-hot island columns.
     */
    static float[][] features(List<PenguinsData.Penguin> penguins, Standardizer scaler) {
        float[][] measurements = scaler.transform(measurements(penguins));
        float[][] islands = oneHotIslands(penguins.stream().map(PenguinsData.Penguin::island).toList());
        float[][] rows = new float[penguins.size()][FEATURES];
        for (int row = 0; row < rows.length; row++) {
            System.arraycopy(measurements[row], 0, rows[row], 0, PenguinsData.MEASUREMENTS);
            System.arraycopy(islands[row], 0, rows[row], PenguinsData.MEASUREMENTS, islands[row].length);
        }
        return rows;
    }

    static float[][] measurements(List<PenguinsData.Penguin> penguins) {
        return penguins.stream().map(PenguinsData.Penguin::measurements).toArray(float[][]::new);
    }

    /**
     * Prepares the data, trains the network and prints its summary, the progress, the test
     * accuracy beside the majority-class baseline, and a confusion matrix.
     */
    public static Result run(ExampleOptions options, PrintStream out) {
        List<PenguinsData.Penguin> all = PenguinsData.load();
        List<PenguinsData.Penguin> penguins = all.stream().filter(PenguinsData.Penguin::hasAllMeasurements).toList();
        int dropped = all.size() - penguins.size();
        out.printf(Locale.ROOT, "Penguins: %d rows; dropped %d with a missing measurement, %d remain%n", all.size(),
                dropped, penguins.size());

        int[] labels = penguins.stream().mapToInt(PenguinsData.Penguin::speciesIndex).toArray();
        TrainTestSplit split = stratifiedSplit(labels, PenguinsData.SPECIES.size(), TEST_FRACTION, options.seed());
        List<PenguinsData.Penguin> train = select(penguins, split.train());
        List<PenguinsData.Penguin> test = select(penguins, split.test());
        out.printf(Locale.ROOT, "Stratified split with seed %d: %d training rows, %d test rows%n", options.seed(),
                train.size(), test.size());

        Standardizer scaler = Standardizer.fit(measurements(train));
        Tensor trainX = Tensor.of(features(train, scaler));
        Tensor testX = Tensor.of(features(test, scaler));
        int[] trainLabels = select(labels, split.train());
        int[] testLabels = select(labels, split.test());

        Sequential model = model();
        out.println(model.summary());

        CompileOptions compileOptions = options.applyTo(
                CompileOptions.training(Optimizers.adam(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                        .metrics(Metric.ACCURACY));
        try (CompiledModel compiled = model.compile(compileOptions)) {
            out.println("Backend: " + compiled.backendId());
            long start = System.nanoTime();
            compiled.fit(trainX, Tensor.labels(trainLabels),
                    FitOptions.epochs(options.epochsOr(DEFAULT_EPOCHS)).batchSize(BATCH_SIZE).progressOutput(out));
            out.printf(Locale.ROOT, "Training took %.1f s%n", (System.nanoTime() - start) / 1e9);

            EvaluationResult result = compiled.evaluate(testX, Tensor.labels(testLabels));
            double accuracy = result.metric("accuracy");
            int majority = majorityClass(trainLabels, PenguinsData.SPECIES.size());
            long majorityInTest = Arrays.stream(testLabels).filter(label -> label == majority).count();
            double baseline = (double) majorityInTest / testLabels.length;
            out.printf(Locale.ROOT, "Test loss: %.4f, test accuracy: %.4f (%d of %d penguins correct)%n",
                    result.loss(), accuracy, Math.round(accuracy * testLabels.length), testLabels.length);
            out.printf(Locale.ROOT, "Majority-class baseline (always %s): %.4f%n",
                    PenguinsData.SPECIES.get(majority), baseline);
            printConfusionMatrix(testLabels, compiled.predict(testX).argmax(), out);
            return new Result(accuracy, baseline, dropped, train.size(), test.size());
        }
    }

    private static void printConfusionMatrix(int[] actual, int[] predicted, PrintStream out) {
        List<String> species = PenguinsData.SPECIES;
        int[][] counts = new int[species.size()][species.size()];
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
        out.println("Confusion matrix on the test part (rows: actual, columns: predicted):");
        out.printf(Locale.ROOT, "%-10s", "");
        for (String name : species) {
            out.printf(Locale.ROOT, "%10s", name);
        }
        out.println();
        for (int row = 0; row < species.size(); row++) {
            out.printf(Locale.ROOT, "%-10s", species.get(row));
            for (int column = 0; column < species.size(); column++) {
                out.printf(Locale.ROOT, "%10d", counts[row][column]);
            }
            out.println();
        }
    }

    /** Returns the most frequent label; ties go to the lowest index. */
    static int majorityClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (counts[c] > counts[best]) {
                best = c;
            }
        }
        return best;
    }

    private static <T> List<T> select(List<T> rows, int[] indices) {
        return Arrays.stream(indices).mapToObj(rows::get).toList();
    }

    private static int[] select(int[] values, int[] indices) {
        return Arrays.stream(indices).map(i -> values[i]).toArray();
    }

    private static int[] sortedArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
