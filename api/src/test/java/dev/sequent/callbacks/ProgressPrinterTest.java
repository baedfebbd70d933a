package dev.sequent.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void lineShowsBarTimesAndLogs() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.00012345);
        logs.put("accuracy", 0.5);

        // Batch 5 of 10 fills 30 * 5 / 10 = 15 cells. 2.5 s over 5 batches is 500 ms per step.
        // Values below 1e-3 switch to scientific notation, as Keras prints them.
        String expected = " 5/10 [" + "=".repeat(15) + ">" + ".".repeat(14) + "] - 2s 500ms/step"
                + " - loss: 1.2345e-04 - accuracy: 0.5000";
        assertEquals(expected, ProgressPrinter.line(5, 10, 2_500_000_000L, logs));
    }

    @Test
    void finishedLineHasFullBar() {
        // 3 ms over 3 batches is 1 ms per step; 0 whole seconds elapsed.
        String line = ProgressPrinter.line(3, 3, 3_000_000L, Map.of("loss", 0.0));
        assertEquals("3/3 [" + "=".repeat(30) + "] - 0s 1ms/step - loss: 0.0000", line);
    }

    @Test
    void nonFiniteValuesArePrintedAsIs() {
        String line = ProgressPrinter.line(1, 1, 500_000L, Map.of("loss", Double.NaN));
        assertEquals("1/1 [" + "=".repeat(30) + "] - 0s 500us/step - loss: NaN", line);
    }
}
