package dev.sequent.examples;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.FitOptions;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.callbacks.EarlyStopping;
import dev.sequent.data.ChronologicalSplit;
import dev.sequent.data.SeriesSplit;
import dev.sequent.data.SlidingWindows;
import dev.sequent.data.Standardizer;
import dev.sequent.data.WindowedSeries;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Forecasts Seattle's next-day maximum temperature from the previous 14 days with a SimpleRNN.
 *
 * <p>Each day has four features: maximum and minimum temperature, and the day of the year as a
 * sine and cosine pair (so 31 December sits next to 1 January). Precipitation and wind are
 * left out because adding them raised the 2014 validation error. The years split
 * chronologically: 2012-2013 train, 2014 validates (early stopping on its loss), 2015 tests.
 * Each year is windowed on its own, so the first 14 days of 2014 and 2015 are inputs only.
 * Standardization is fitted on 2012-2013 alone. The result is compared with persistence
 * (tomorrow's maximum equals today's) on the same 2015 days.
 *
 * <p>NOTE: the margin over persistence on 2015 is small. On the native backend the default seed
 * measured 2.21 against 2.25 degrees C, seeds 1 and 2 also won, and seeds 3 and 4 lost (2.29
 * and 2.27), so a change of seed or backend can flip the comparison.
 */
public final class WeatherExample {

    /** Days of history in each input window. */
    public static final int TIMESTEPS = 14;

    /** Default maximum number of epochs; early stopping usually ends training sooner. */
    public static final int DEFAULT_EPOCHS = 60;

    /** Epochs without a lower validation loss before training stops. */
    public static final int PATIENCE = 8;

    static final int TEMP_MAX = 0;
    static final int FEATURES = 4;

    private WeatherExample() {
    }

    /** Returns the feature table, one row per day: temp_max, temp_min, and the sine and cosine of the day of year. */
    static float[][] features(List<WeatherData.Day> days) {
        float[][] rows = new float[days.size()][];
        for (int i = 0; i < days.size(); i++) {
            WeatherData.Day day = days.get(i);
            double angle = 2 * Math.PI * (day.date().getDayOfYear() - 1) / day.date().lengthOfYear();
            rows[i] = new float[] {day.tempMax(), day.tempMin(), (float) Math.sin(angle), (float) Math.cos(angle)};
        }
        return rows;
    }

    /** Builds the network, without weights. */
    public static Sequential model() {
        return Sequential.named("weather", Input.shape(TIMESTEPS, FEATURES),
                SimpleRNN.units(32),
                Dense.units(1));
    }

    /**
     * Trains the model and prints the 2015 mean absolute error beside the persistence forecast's.
     *
     * @return the model's and persistence's test MAE in degrees Celsius
     */
    public static ForecastComparison run(ExampleOptions options, PrintStream out) {
        List<WeatherData.Day> days = WeatherData.load();
        int trainDays = (int) days.stream().filter(day -> day.date().getYear() <= 2013).count();
        int validationDays = (int) days.stream().filter(day -> day.date().getYear() == 2014).count();
        out.printf(Locale.ROOT, "Seattle weather: %d days; train 2012-2013 (%d), validation 2014 (%d), test 2015 (%d)%n",
                days.size(), trainDays, validationDays, days.size() - trainDays - validationDays);

        SlidingWindows windows = SlidingWindows.timesteps(TIMESTEPS).targetColumn(TEMP_MAX);
        SeriesSplit split = ChronologicalSplit.rows(trainDays, validationDays).apply(features(days), windows);
        Standardizer scaler = Standardizer.fit(split.train());
        WindowedSeries train = windows.apply(scaler.transform(split.train()));
        WindowedSeries validation = windows.apply(scaler.transform(split.validation()));
        WindowedSeries test = windows.apply(split.test());
        WindowedSeries scaledTest = windows.apply(scaler.transform(split.test()));

        Sequential model = model();
        out.println(model.summary());

        CompileOptions compileOptions = options.applyTo(
                CompileOptions.training(Optimizers.adam(), Loss.MEAN_SQUARED_ERROR).metrics(Metric.MAE));
        try (CompiledModel compiled = model.compile(compileOptions)) {
            out.println("Backend: " + compiled.backendId());

            EarlyStopping earlyStopping = EarlyStopping.monitor("val_loss").patience(PATIENCE)
                    .restoreBestWeights(true);
            long start = System.nanoTime();
            compiled.fit(train.inputs(), train.targets(),
                    FitOptions.epochs(options.epochsOr(DEFAULT_EPOCHS)).batchSize(32)
                            .validationData(validation.inputs(), validation.targets())
                            .callbacks(earlyStopping).progressOutput(out));
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "Training took %.1f s; kept the weights of epoch %d (val_loss %.4f)%n", seconds,
                    earlyStopping.bestEpoch(), earlyStopping.bestValue());

            Tensor predicted = scaler.inverseTransform(compiled.predict(scaledTest.inputs()), TEMP_MAX);
            ForecastComparison comparison = ForecastComparison.of(predicted.toFlatArray(),
                    test.persistenceForecast().toFlatArray(), test.targets().toFlatArray());
            comparison.print(out, "2015 next-day maximum temperature", "degrees C");
            return comparison;
        }
    }
}
