package dev.sequent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataLoadersTest {

    @Test
    void digitsTrainingCounts() {
        DigitsData train = DigitsData.training();

        assertEquals(3823, train.size());
        assertEquals(3823, train.pixels().length);
        assertEquals(64, train.pixels()[0].length);
        assertEveryClassPresent(train.labels());
    }

    @Test
    void digitsTestCounts() {
        DigitsData test = DigitsData.test();

        assertEquals(1797, test.size());
        assertEquals(64, test.pixels()[test.size() - 1].length);
        assertEveryClassPresent(test.labels());
    }

    @Test
    void digitsFirstRowParsed() {
        // First data row of optdigits.tra starts 0,1,6,15,12,1,0,0 and ends with class 0.
        DigitsData train = DigitsData.training();

        assertArrayEquals(new float[] {0, 1, 6, 15, 12, 1, 0, 0}, java.util.Arrays.copyOf(train.pixels()[0], 8));
        assertEquals(0, train.labels()[0]);
    }

    @Test
    void digitsScaledIntoUnitInterval() {
        float[][] scaled = DigitsData.training().scaledPixels();

        // Pixel counts run 0 to 16, so 15 / 16 = 0.9375 and 6 / 16 = 0.375.
        assertEquals(0.9375f, scaled[0][3]);
        assertEquals(0.375f, scaled[0][2]);
        for (float[] row : scaled) {
            for (float value : row) {
                assertTrue(value >= 0f, "scaled pixel " + value);
                assertTrue(value <= 1f, "scaled pixel " + value);
            }
        }
    }

    @Test
    void weatherDays() {
        List<WeatherData.Day> days = WeatherData.load();

        assertEquals(1461, days.size());
        WeatherData.Day first = days.get(0);
        // First row: 2012-01-01,0.0,12.8,5.0,4.7,drizzle
        assertEquals(LocalDate.of(2012, 1, 1), first.date());
        assertEquals(0.0f, first.precipitation());
        assertEquals(12.8f, first.tempMax());
        assertEquals(5.0f, first.tempMin());
        assertEquals(4.7f, first.wind());
        assertEquals(LocalDate.of(2015, 12, 31), days.get(days.size() - 1).date());
    }

    @Test
    void sp500Days() {
        List<Sp500Data.TradingDay> days = Sp500Data.load();

        // The file has a header and 5,105 data rows. Its last line has no line break, so wc -l counts 5,105
        // lines, and subtracting the header gives 5,104, one short.
        assertEquals(5105, days.size());
        // First row: 2000-01-03,1469.250000,1478.000000,1438.359985,1455.219971,...
        Sp500Data.TradingDay first = days.get(0);
        assertEquals(LocalDate.of(2000, 1, 3), first.date());
        assertEquals(1469.25f, first.open());
        assertEquals(1478.0f, first.high());
        assertEquals(1438.359985f, first.low());
        assertEquals(1455.219971f, first.close());
        // Last row: 2020-04-17, close 2874.560059.
        assertEquals(LocalDate.of(2020, 4, 17), days.get(days.size() - 1).date());
        assertEquals(2874.560059f, days.get(days.size() - 1).close());
    }

    @Test
    void weatherSplitsByYear() {
        List<WeatherData.Day> days = WeatherData.load();

        // 2012 is a leap year: 366 + 365 = 731 training days, 365 validation days, 365 test days.
        long train = days.stream().filter(day -> day.date().getYear() <= 2013).count();
        long validation = days.stream().filter(day -> day.date().getYear() == 2014).count();

        assertEquals(731, train);
        assertEquals(365, validation);
    }

    @Test
    void penguinsRowAndColumnCounts() throws IOException {
        List<PenguinsData.Penguin> penguins = PenguinsData.load();
        List<PenguinsData.Penguin> complete = penguins.stream()
                .filter(PenguinsData.Penguin::hasAllMeasurements).toList();

        // Independent count from the raw text, without the JSON parser: the file is a flat array of
        // objects, so splitting at '}' gives one piece per penguin, and a piece with a measurement
        // key followed by null is a row the example drops.
        String text = rawResource("/data/penguins.json");
        Pattern missingMeasurement = Pattern.compile("\"(Beak Length \\(mm\\)|Beak Depth \\(mm\\)"
                + "|Flipper Length \\(mm\\)|Body Mass \\(g\\))\"\\s*:\\s*null");
        String[] objects = text.split("}");
        long objectCount = Arrays.stream(objects).filter(piece -> piece.contains("\"Species\"")).count();
        long incompleteCount = Arrays.stream(objects)
                .filter(piece -> missingMeasurement.matcher(piece).find()).count();

        assertEquals(344, objectCount);
        assertEquals(2, incompleteCount);
        assertEquals(objectCount, penguins.size());
        assertEquals(objectCount - incompleteCount, complete.size());
        assertEquals(4, complete.get(0).measurements().length);
        assertEquals(4 + 3, PenguinsExample.FEATURES);
    }

    @Test
    void penguinsFirstRowAndSpeciesCounts() throws IOException {
        List<PenguinsData.Penguin> penguins = PenguinsData.load();

        // First object: Adelie, Torgersen, 39.1, 18.7, 181, 3750, MALE.
        PenguinsData.Penguin first = penguins.get(0);
        assertEquals("Adelie", first.species());
        assertEquals("Torgersen", first.island());
        assertArrayEquals(new float[] {39.1f, 18.7f, 181f, 3750f}, first.measurements());
        assertEquals("MALE", first.sex());
        // The fourth object has null for every measurement and for sex.
        assertFalse(penguins.get(3).hasAllMeasurements());
        assertNull(penguins.get(3).sex());

        String text = rawResource("/data/penguins.json");
        for (String species : PenguinsData.SPECIES) {
            Pattern speciesField = Pattern.compile("\"Species\"\\s*:\\s*\"" + species + "\"");
            long inText = speciesField.matcher(text).results().count();
            long loaded = penguins.stream().filter(penguin -> penguin.species().equals(species)).count();
            assertEquals(inText, loaded, species);
        }
    }

    @Test
    void penguinsRejectsUnknownIsland() {
        String text = "[{\"Species\": \"Adelie\", \"Island\": \"Anvers\", \"Beak Length (mm)\": 39.1,"
                + " \"Beak Depth (mm)\": 18.7, \"Flipper Length (mm)\": 181, \"Body Mass (g)\": 3750,"
                + " \"Sex\": null}]";

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> PenguinsData.parse(text, "test.json"));

        assertEquals("Invalid Island \"Anvers\" in test.json, data row 0; expected one of"
                + " [Biscoe, Dream, Torgersen].", error.getMessage());
    }

    private static String rawResource(String path) throws IOException {
        try (InputStream stream = DataLoadersTest.class.getResourceAsStream(path)) {
            assertNotNull(stream, path + " not on the test class path");
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertEveryClassPresent(int[] labels) {
        boolean[] seen = new boolean[10];
        for (int label : labels) {
            assertTrue(label >= 0, "label " + label);
            assertTrue(label <= 9, "label " + label);
            seen[label] = true;
        }
        for (int digit = 0; digit < 10; digit++) {
            assertTrue(seen[digit], "class " + digit + " missing");
        }
    }
}
