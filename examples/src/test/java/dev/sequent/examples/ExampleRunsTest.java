package dev.sequent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short runs of the examples on the native backend, each a few seconds: a few epochs, except for
 * penguins, whose default 40 epochs on 273 rows take well under a second.
 */
class ExampleRunsTest {

    @Test
    void digitsFiveEpochsAccuracyFloor() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        double accuracy = DigitsExample.run(ExampleOptions.parse("digits", "--epochs", "5", "--backend", "native"),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        // Five epochs with the default seed measured 0.944 on the native backend; 0.92 leaves room for
        // numeric differences without letting a broken training loop (about 0.10 by chance) pass.
        assertTrue(accuracy >= 0.92, "test accuracy after 5 epochs: " + accuracy);
        String printed = output.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Epoch 5/5"), printed);
        assertTrue(printed.contains("Test loss: "), printed);
    }

    @Test
    void penguinsAccuracyFloorAndBaseline() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        PenguinsExample.Result result = PenguinsExample.run(ExampleOptions.parse("penguins", "--backend", "native"),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        // The default 40 epochs with the default seed measured 1.0000 (69 of 69) on the native backend,
        // and seeds 1 to 3 measured 0.9855, 0.9710 and 1.0000. The floor of 0.95 allows 3 wrong test
        // rows, far above the 0.43 of the majority-class baseline.
        assertTrue(result.testAccuracy() >= 0.95, "test accuracy: " + result.testAccuracy());
        // Two rows lack measurements, so 342 remain. The test part takes round(0.2 * n) of each species:
        // 30 of 151 Adelie, 14 of 68 Chinstrap and 25 of 123 Gentoo. Adelie is the majority, so the
        // baseline is 30 of 69.
        assertEquals(2, result.droppedRows());
        assertEquals(69, result.testRows());
        assertEquals(273, result.trainRows());
        assertEquals(30.0 / 69, result.baselineAccuracy(), 1e-12);
        String printed = output.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("dropped 2 with a missing measurement"), printed);
        assertTrue(printed.contains("Epoch 40/40"), printed);
        assertTrue(printed.contains("Majority-class baseline (always Adelie): 0.4348"), printed);
    }

    @Test
    void digitsOnnxExportKeepsAccuracy(@TempDir Path directory) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Path file = directory.resolve("digits.onnx");

        double[] accuracies = DigitsOnnxExample.run(ExampleOptions.parse("digits-onnx", "--epochs", "2",
                "--backend", "native"), new PrintStream(output, true, StandardCharsets.UTF_8), file);

        assertTrue(Files.exists(file));
        // Both evaluate the same weights; a changed prediction on any of the 1,797 test digits would
        // move the accuracy by at least 1/1797.
        assertEquals(accuracies[0], accuracies[1]);
        assertTrue(accuracies[0] > 0.5, "two epochs should already beat chance: " + accuracies[0]);
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("same test accuracy on ONNX Runtime"));
    }

    @Test
    void weatherPersistenceMatchesDirectCount() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        ForecastComparison comparison = WeatherExample.run(ExampleOptions.parse("weather", "--epochs", "1"),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        // Independent count: 2015 has 365 days and its first 14 are inputs only, so the targets are
        // 2015 days 15 to 365 and persistence predicts each from the day before.
        List<WeatherData.Day> days = WeatherData.load();
        int firstTarget = days.size() - 365 + WeatherExample.TIMESTEPS;
        double sum = 0;
        for (int d = firstTarget; d < days.size(); d++) {
            sum += Math.abs(days.get(d).tempMax() - days.get(d - 1).tempMax());
        }
        int targets = days.size() - firstTarget;

        assertEquals(351, targets);
        assertEquals(targets, comparison.samples());
        assertEquals(sum / targets, comparison.persistenceMae(), 1e-4);
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("persistence  MAE"));
    }
}
