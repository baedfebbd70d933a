package dev.sequent.examples;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Seattle's daily weather, 2012-01-01 to 2015-12-31, one {@link Day} per row of {@code seattle-weather.csv}. */
public final class WeatherData {

    /**
     * One day of observations.
     *
     * @param precipitation millimetres
     * @param tempMax maximum temperature, degrees Celsius
     * @param tempMin minimum temperature, degrees Celsius
     * @param wind metres per second
     */
    public record Day(LocalDate date, float precipitation, float tempMax, float tempMin, float wind) {
    }

    private WeatherData() {
    }

    /** Loads the 1,461 days in date order. */
    public static List<Day> load() {
        String file = "seattle-weather.csv";
        List<String[]> rows = DataFiles.readCsv(file);
        List<Day> days = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            // Columns: date, precipitation, temp_max, temp_min, wind, weather.
            String[] fields = rows.get(row);
            days.add(new Day(LocalDate.parse(fields[0]),
                    DataFiles.parseFloat(fields[1], file, row, "precipitation"),
                    DataFiles.parseFloat(fields[2], file, row, "temp_max"),
                    DataFiles.parseFloat(fields[3], file, row, "temp_min"),
                    DataFiles.parseFloat(fields[4], file, row, "wind")));
        }
        return List.copyOf(days);
    }
}
