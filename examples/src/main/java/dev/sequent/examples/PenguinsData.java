package dev.sequent.examples;

import dev.sequent.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Palmer penguins data set: 344 penguins from three islands of the Palmer Archipelago,
 * Antarctica, one {@link Penguin} per object of {@code penguins.json}. Some measurements are
 * {@code null} in the file, and the loader keeps them as {@code null} so the caller decides what
 * to do with those rows.
 */
public final class PenguinsData {

    /** The species, in class-index order. */
    public static final List<String> SPECIES = List.of("Adelie", "Chinstrap", "Gentoo");

    /** The islands, in the order of their one-hot columns. */
    public static final List<String> ISLANDS = List.of("Biscoe", "Dream", "Torgersen");

    /** Number of numeric measurements per penguin. */
    public static final int MEASUREMENTS = 4;

    static final String FILE = "penguins.json";

    /**
     * One penguin, as recorded in the file. A measurement or the sex is {@code null} where the
     * file has no value.
     *
     * @param species one of {@link #SPECIES}
     * @param island one of {@link #ISLANDS}
     * @param beakLengthMm beak (culmen) length, millimetres
     * @param beakDepthMm beak (culmen) depth, millimetres
     * @param flipperLengthMm flipper length, millimetres
     * @param bodyMassG body mass, grams
     * @param sex {@code "MALE"} or {@code "FEMALE"}; one row has {@code "."}
     */
    public record Penguin(String species, String island, Float beakLengthMm, Float beakDepthMm,
            Float flipperLengthMm, Float bodyMassG, String sex) {

        /** Returns whether all four measurements are present. */
        public boolean hasAllMeasurements() {
            return beakLengthMm != null && beakDepthMm != null && flipperLengthMm != null && bodyMassG != null;
        }

        /**
         * Returns the four measurements in file order: beak length, beak depth, flipper length and
         * body mass.
         *
         * @throws IllegalStateException if a measurement is missing
         */
        public float[] measurements() {
            if (!hasAllMeasurements()) {
                throw new IllegalStateException("This " + species + " penguin from " + island
                        + " has a missing measurement; drop it first (see hasAllMeasurements()).");
            }
            return new float[] {beakLengthMm, beakDepthMm, flipperLengthMm, bodyMassG};
        }

        /** Returns the class index of the species, its position in {@link #SPECIES}. */
        public int speciesIndex() {
            return SPECIES.indexOf(species);
        }
    }

    private PenguinsData() {
    }

    /**
     * Loads all 344 penguins in file order, including those with missing values.
     *
     * @throws IllegalStateException if the file is not a JSON array of objects, or a row has an
     *     unknown species or island or a measurement that is neither a number nor null
     */
    public static List<Penguin> load() {
        return parse(DataFiles.readText(FILE), FILE);
    }

    static List<Penguin> parse(String text, String file) {
        if (!(Json.parse(text) instanceof List<?> rows)) {
            throw new IllegalStateException(file + " must contain a JSON array of objects, one per penguin.");
        }
        List<Penguin> penguins = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            if (!(rows.get(row) instanceof Map<?, ?> fields)) {
                throw new IllegalStateException("Data row " + row + " of " + file + " is not a JSON object.");
            }
            penguins.add(new Penguin(
                    category(fields, "Species", SPECIES, file, row),
                    category(fields, "Island", ISLANDS, file, row),
                    measurement(fields, "Beak Length (mm)", file, row),
                    measurement(fields, "Beak Depth (mm)", file, row),
                    measurement(fields, "Flipper Length (mm)", file, row),
                    measurement(fields, "Body Mass (g)", file, row),
                    fields.get("Sex") instanceof String sex ? sex : null));
        }
        return List.copyOf(penguins);
    }

    private static String category(Map<?, ?> fields, String key, List<String> known, String file, int row) {
        Object value = fields.get(key);
        if (!(value instanceof String name) || !known.contains(name)) {
            throw new IllegalStateException("Invalid " + key + " " + Json.write(value).strip() + " in " + file
                    + ", data row " + row + "; expected one of " + known + ".");
        }
        return name;
    }

    private static Float measurement(Map<?, ?> fields, String key, String file, int row) {
        if (!fields.containsKey(key)) {
            throw new IllegalStateException("Missing key \"" + key + "\" in " + file + ", data row " + row
                    + "; every row needs it, with a number or null.");
        }
        Object value = fields.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Double number)) {
            throw new IllegalStateException("Invalid " + key + " " + Json.write(value).strip() + " in " + file
                    + ", data row " + row + "; expected a number or null.");
        }
        return number.floatValue();
    }
}
