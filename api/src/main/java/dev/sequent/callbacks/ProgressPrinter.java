package dev.sequent.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Prints Keras-style progress: {@code Epoch 3/20}, then
 * {@code 108/108 [==============================] - 1s 4ms/step - loss: 0.1234 - accuracy: 0.9650}.
 * On a terminal the bar is redrawn in place as batches finish, at most every 100 ms. Elsewhere
 * one finished line per epoch is printed, so logs stay readable.
 */
public final class ProgressPrinter implements Callback {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean inPlace;
    private long epochStart;
    private long lastDraw;
    private int lastLength;

    /**
     * @param out where progress goes
     * @param inPlace true to redraw the bar after each batch (a terminal), false for one line per epoch
     */
    public ProgressPrinter(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /** Returns a printer to standard output that redraws in place when a console is attached. */
    public static ProgressPrinter forStandardOutput() {
        return new ProgressPrinter(System.out, System.console() != null);
    }

    @Override
    public void onEpochBegin(FitContext context, int epoch) {
        out.println("Epoch " + epoch + "/" + context.epochs());
        epochStart = System.nanoTime();
        lastDraw = 0;
        lastLength = 0;
    }

    @Override
    public void onBatchEnd(FitContext context, int epoch, int batch, Map<String, Double> logs) {
        if (!inPlace) {
            return;
        }
        long now = System.nanoTime();
        if (batch < context.batchesPerEpoch() && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = line(batch, context.batchesPerEpoch(), now - epochStart, logs);
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
    }

    @Override
    public void onEpochEnd(FitContext context, int epoch, Map<String, Double> logs) {
        String line = line(context.batchesPerEpoch(), context.batchesPerEpoch(), System.nanoTime() - epochStart, logs);
        if (inPlace) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())) + System.lineSeparator());
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String line(int batch, int batches, long elapsedNanos, Map<String, Double> logs) {
        StringBuilder text = new StringBuilder();
        String count = Integer.toString(batches);
        text.append(" ".repeat(count.length() - Integer.toString(batch).length())).append(batch).append('/')
                .append(count).append(' ');
        text.append(bar(batch, batches));
        text.append(" - ").append(elapsedNanos / 1_000_000_000L).append("s ");
        text.append(perStep(elapsedNanos / Math.max(1, batch)));
        for (Map.Entry<String, Double> entry : logs.entrySet()) {
            text.append(" - ").append(entry.getKey()).append(": ").append(format(entry.getValue()));
        }
        return text.toString();
    }

    private static String bar(int batch, int batches) {
        int filled = batches == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * batch / batches);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < BAR_WIDTH; i++) {
            if (i < filled) {
                bar.append('=');
            } else if (i == filled) {
                bar.append('>');
            } else {
                bar.append('.');
            }
        }
        return bar.append(']').toString();
    }

    private static String perStep(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return (nanos / 1_000_000_000L) + "s/step";
        }
        if (nanos >= 1_000_000L) {
            return (nanos / 1_000_000L) + "ms/step";
        }
        return (nanos / 1_000L) + "us/step";
    }

    private static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value != 0 && Math.abs(value) < 1e-3) {
            return String.format(Locale.ROOT, "%.4e", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
