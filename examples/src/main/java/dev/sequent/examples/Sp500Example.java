package dev.sequent.examples;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.FitOptions;
import dev.sequent.Sequential;
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
 * Forecasts the S&P 500's next close from the last 30 trading days with a SimpleRNN.
 *
 * <p>Prices trend far outside any training range, so the model works on daily changes: each
 * day's features are the log return of the close, {@code 100 * ln(close[d] / close[d - 1])},
 * and the day's log range, {@code 100 * ln(high[d] / low[d])}. The model predicts the next log
 * return, and the forecast close is {@code close[d] * exp(return / 100)}. The days split
 * chronologically (70% train, 15% validation for early stopping, 15% test), each part is
 * windowed on its own, and standardization is fitted on the training part alone. The output
 * compares the forecast with persistence (tomorrow's close equals today's) on the same test
 * days and prints which one wins. On prices, persistence is hard to beat.
 */
public final class Sp500Example {

    /** Trading days of history in each input window. */
    public static final int TIMESTEPS = 30;

    /** Default maximum number of epochs; early stopping usually ends training sooner. */
    public static final int DEFAULT_EPOCHS = 20;

    /** Epochs without a lower validation loss before training stops. */
    public static final int PATIENCE = 4;

    static final int LOG_RETURN = 0;
    static final int FEATURES = 2;

    private Sp500Example() {
    }

    /**
     * Returns the feature table: row {@code j} describes trading day {@code j + 1} with its
     * percent log return (from day {@code j}) and its percent log range.
     */
    static float[][] features(List<Sp500Data.TradingDay> days) {
        float[][] rows = new float[days.size() - 1][];
        for (int j = 0; j < rows.length; j++) {
            Sp500Data.TradingDay previous = days.get(j);
            Sp500Data.TradingDay day = days.get(j + 1);
            rows[j] = new float[] {
                (float) (100 * Math.log((double) day.close() / previous.close())),
                (float) (100 * Math.log((double) day.high() / day.low())),
            };
        }
        return rows;
    }

    /** Builds the network, without weights. */
    public static Sequential model() {
        return Sequential.named("sp500", Input.shape(TIMESTEPS, FEATURES),
                SimpleRNN.units(32),
                Dense.units(1));
    }

    /**
     * Trains the model and prints the test error of its close forecast beside persistence's.
     *
     * @return the model's and persistence's test errors in index points and percent
     */
    public static ForecastComparison run(ExampleOptions options, PrintStream out) {
        List<Sp500Data.TradingDay> days = Sp500Data.load();
        float[][] features = features(days);

        SlidingWindows windows = SlidingWindows.timesteps(TIMESTEPS).targetColumn(LOG_RETURN);
        SeriesSplit split = ChronologicalSplit.fractions(0.7, 0.15).apply(features, windows);
        Standardizer scaler = Standardizer.fit(split.train());
        WindowedSeries train = windows.apply(scaler.transform(split.train()));
        WindowedSeries validation = windows.apply(scaler.transform(split.validation()));
        WindowedSeries test = windows.apply(scaler.transform(split.test()));

        // Feature row j is trading day j + 1, so a target at feature row g is the close of day g + 1.
        int firstTargetDay = split.testStart() + test.targetRow(0) + 1;
        out.printf(Locale.ROOT, "S&P 500: %d trading days %s to %s; test forecasts %s to %s (%d days)%n",
                days.size(), days.get(0).date(), days.get(days.size() - 1).date(),
                days.get(firstTargetDay).date(), days.get(days.size() - 1).date(), test.sampleCount());

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

            float[] predictedReturns = scaler.inverseTransform(compiled.predict(test.inputs()), LOG_RETURN)
                    .toFlatArray();
            float[] forecast = new float[test.sampleCount()];
            float[] persistence = new float[test.sampleCount()];
            float[] actual = new float[test.sampleCount()];
            for (int i = 0; i < test.sampleCount(); i++) {
                int targetDay = split.testStart() + test.targetRow(i) + 1;
                float lastClose = days.get(targetDay - 1).close();
                forecast[i] = (float) (lastClose * Math.exp(predictedReturns[i] / 100.0));
                persistence[i] = lastClose;
                actual[i] = days.get(targetDay).close();
            }

            ForecastComparison comparison = ForecastComparison.of(forecast, persistence, actual);
            comparison.print(out, "next-day close", "points");
            comparison.printPercentages(out);
            return comparison;
        }
    }
}
