package dev.sequent.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the example data sets bundled under {@code /data/} on the class path. */
final class DataFiles {

    private DataFiles() {
    }

    /**
     * Returns the non-blank lines of the CSV resource {@code /data/<name>}, header excluded, each
     * split at commas. The files have no quoted fields.
     *
     * @throws IllegalStateException if the resource is missing or a row has a different number of
     *     fields than the header
     */
    static List<String[]> readCsv(String name) {
        String path = "/data/" + name;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(path), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalStateException("Data file " + path + " is empty; expected a header row.");
            }
            int fields = header.split(",", -1).length;

            List<String[]> rows = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] values = line.split(",", -1);
                if (values.length != fields) {
                    throw new IllegalStateException("Line " + lineNumber + " of " + path + " has " + values.length
                            + " fields, but the header has " + fields + ".");
                }
                rows.add(values);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + path, e);
        }
    }

    /**
     * Returns the whole resource {@code /data/<name>} as UTF-8 text.
     *
     * @throws IllegalStateException if the resource is missing
     */
    static String readText(String name) {
        String path = "/data/" + name;
        try (InputStream stream = open(path)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + path, e);
        }
    }

    private static InputStream open(String path) {
        InputStream stream = DataFiles.class.getResourceAsStream(path);
        if (stream == null) {
            throw new IllegalStateException("Data file " + path + " not found on the class path; it belongs in"
                    + " examples/src/main/resources" + path + ".");
        }
        return stream;
    }

    /** Parses a float field, naming the file, row and column if it is not a number. */
    static float parseFloat(String value, String file, int row, String column) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Invalid number '" + value + "' in " + file + ", data row " + row
                    + ", column " + column + ".", e);
        }
    }
}
