package dev.sequent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequent.data.Standardizer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PenguinsExampleTest {

    @Test
    void oneHotIslandsByHand() {
        // Column order is Biscoe, Dream, Torgersen.
        float[][] encoded = PenguinsExample.oneHotIslands(List.of("Dream", "Biscoe", "Torgersen", "Dream"));

        assertEquals(4, encoded.length);
        assertArrayEquals(new float[] {0, 1, 0}, encoded[0]);
        assertArrayEquals(new float[] {1, 0, 0}, encoded[1]);
        assertArrayEquals(new float[] {0, 0, 1}, encoded[2]);
        assertArrayEquals(new float[] {0, 1, 0}, encoded[3]);
    }

    @Test
    void oneHotRejectsUnknownIsland() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PenguinsExample.oneHotIslands(List.of("Biscoe", "biscoe")));

        assertEquals("Unknown island 'biscoe' in row 1; expected one of [Biscoe, Dream, Torgersen].",
                error.getMessage());
    }

    @Test
    void featuresAppendIslandAfterMeasurements() {
        PenguinsData.Penguin first = new PenguinsData.Penguin("Adelie", "Torgersen", 40f, 18f, 190f, 3500f, "MALE");
        PenguinsData.Penguin second = new PenguinsData.Penguin("Gentoo", "Biscoe", 50f, 14f, 220f, 5500f, "FEMALE");
        List<PenguinsData.Penguin> penguins = List.of(first, second);

        float[][] features = PenguinsExample.features(penguins,
                Standardizer.fit(PenguinsExample.measurements(penguins)));

        // With two rows, each standardized column is -1 for the smaller value and +1 for the larger.
        assertArrayEquals(new float[] {-1, 1, -1, -1, 0, 0, 1}, features[0], 1e-6f);
        assertArrayEquals(new float[] {1, -1, 1, 1, 1, 0, 0}, features[1], 1e-6f);
    }

    @Test
    void stratifiedSplitKeepsClassShares() {
        // 10 rows of class 0, 5 of class 1, 5 of class 2, interleaved.
        int[] labels = {0, 1, 0, 2, 0, 1, 0, 2, 0, 1, 0, 2, 0, 1, 0, 2, 0, 1, 2, 0};

        PenguinsExample.TrainTestSplit split = PenguinsExample.stratifiedSplit(labels, 3, 0.2, 7);

        // round(0.2 * 10) = 2 of class 0 and round(0.2 * 5) = 1 of each other class go to the test part.
        assertEquals(4, split.test().length);
        assertEquals(16, split.train().length);
        assertEquals(2, countLabel(labels, split.test(), 0));
        assertEquals(1, countLabel(labels, split.test(), 1));
        assertEquals(1, countLabel(labels, split.test(), 2));
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, labels.length).toArray(), all);
    }

    @Test
    void stratifiedSplitFollowsSeed() {
        int[] labels = new int[60];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }

        PenguinsExample.TrainTestSplit first = PenguinsExample.stratifiedSplit(labels, 3, 0.2, 1);
        PenguinsExample.TrainTestSplit again = PenguinsExample.stratifiedSplit(labels, 3, 0.2, 1);
        PenguinsExample.TrainTestSplit other = PenguinsExample.stratifiedSplit(labels, 3, 0.2, 2);

        assertArrayEquals(first.test(), again.test());
        assertFalse(Arrays.equals(first.test(), other.test()), "seeds 1 and 2 chose the same test rows");
    }

    @Test
    void majorityClassTiesGoToLowestIndex() {
        assertEquals(2, PenguinsExample.majorityClass(new int[] {2, 0, 2, 1}, 3));
        assertEquals(0, PenguinsExample.majorityClass(new int[] {1, 0, 0, 1}, 3));
    }

    private static long countLabel(int[] labels, int[] rows, int label) {
        return Arrays.stream(rows).filter(row -> labels[row] == label).count();
    }
}
