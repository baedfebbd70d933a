package dev.sequent.examples;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The S&P 500 index, one {@link TradingDay} per row of {@code sp500-2000.csv} (2000-01-03 to 2020-04-17). */
public final class Sp500Data {

    /** One trading day's prices in index points. */
    public record TradingDay(LocalDate date, float open, float high, float low, float close) {
    }

    private Sp500Data() {
    }

    /** Loads the 5,105 trading days in date order. */
    public static List<TradingDay> load() {
        String file = "sp500-2000.csv";
        List<String[]> rows = DataFiles.readCsv(file);
        List<TradingDay> days = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            // Columns: date, open, high, low, close, adjclose, volume.
            String[] fields = rows.get(row);
            days.add(new TradingDay(LocalDate.parse(fields[0]),
                    DataFiles.parseFloat(fields[1], file, row, "open"),
                    DataFiles.parseFloat(fields[2], file, row, "high"),
                    DataFiles.parseFloat(fields[3], file, row, "low"),
                    DataFiles.parseFloat(fields[4], file, row, "close")));
        }
        return List.copyOf(days);
    }
}
