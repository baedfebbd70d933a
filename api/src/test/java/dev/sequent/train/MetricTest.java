package dev.sequent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.train.Metric.Kind;
import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void accuracyResolvesToBinaryForWidthOne() {
        assertEquals(Kind.BINARY_ACCURACY, Metric.ACCURACY.resolve(1, false));
    }

    @Test
    void accuracyResolvesToSparseForClassIndices() {
        assertEquals(Kind.SPARSE_CATEGORICAL_ACCURACY, Metric.ACCURACY.resolve(10, true));
    }

    @Test
    void accuracyResolvesToCategoricalOtherwise() {
        assertEquals(Kind.CATEGORICAL_ACCURACY, Metric.ACCURACY.resolve(10, false));
        assertEquals("accuracy", Metric.ACCURACY.name());
    }

    @Test
    void explicitMetricsMustFitLabels() {
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> Metric.CATEGORICAL_ACCURACY.resolve(3, true));
        assertTrue(dense.getMessage().contains("'categorical_accuracy'"), dense.getMessage());
        assertTrue(dense.getMessage().contains("SPARSE_CATEGORICAL_ACCURACY"), dense.getMessage());

        IllegalArgumentException sparse = assertThrows(IllegalArgumentException.class,
                () -> Metric.SPARSE_CATEGORICAL_ACCURACY.resolve(3, false));
        assertTrue(sparse.getMessage().contains("class-index labels"), sparse.getMessage());

        assertEquals(Kind.MEAN_ABSOLUTE_ERROR, Metric.MAE.resolve(3, false));
    }

    @Test
    void binaryAccuracyThresholdIsStrict() {
        // 0.5 is not above 0.5, so it predicts 0: hits for (0.5, 0), (0.51, 1), (0.2, 0); miss for
        // (0.5, 1). Sum 3 over 4 positions.
        float[] yTrue = {0, 1, 1, 0};
        float[] yPred = {0.5f, 0.51f, 0.5f, 0.2f};
        assertEquals(3.0, Metric.sum(Kind.BINARY_ACCURACY, yTrue, yPred, 4, 1), 1e-12);
    }

    @Test
    void binaryAccuracyAveragesOverWidth() {
        // One position of width 2: one of two outputs is right, so the position scores 0.5.
        assertEquals(0.5, Metric.sum(Kind.BINARY_ACCURACY, new float[] {1, 1}, new float[] {0.9f, 0.1f}, 1, 2),
                1e-12);
    }

    @Test
    void categoricalAccuracyComparesArgmax() {
        // Argmax of predictions: 1, 0, 2. Targets: 1, 2, 2. Two hits.
        float[] yTrue = {0, 1, 0, 0, 0, 1, 0, 0, 1};
        float[] yPred = {0.1f, 0.8f, 0.1f, 0.6f, 0.3f, 0.1f, 0.2f, 0.3f, 0.5f};
        assertEquals(2.0, Metric.sum(Kind.CATEGORICAL_ACCURACY, yTrue, yPred, 3, 3), 1e-12);
    }

    @Test
    void sparseAccuracyComparesIndex() {
        float[] labels = {1, 2, 2};
        float[] yPred = {0.1f, 0.8f, 0.1f, 0.6f, 0.3f, 0.1f, 0.2f, 0.3f, 0.5f};
        assertEquals(2.0, Metric.sum(Kind.SPARSE_CATEGORICAL_ACCURACY, labels, yPred, 3, 3), 1e-12);
    }

    @Test
    void errorMetricsByHand() {
        // Position 0: |0.5| + 0 over 2 = 0.25, squared 0.125. Position 1: (1 + 1) / 2 = 1, squared 1.
        float[] yTrue = {1, 2, 3, 4};
        float[] yPred = {1.5f, 2, 2, 5};
        assertEquals(1.25, Metric.sum(Kind.MEAN_ABSOLUTE_ERROR, yTrue, yPred, 2, 2), 1e-7);
        assertEquals(1.125, Metric.sum(Kind.MEAN_SQUARED_ERROR, yTrue, yPred, 2, 2), 1e-7);
    }
}
