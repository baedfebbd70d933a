package dev.sequent;

import dev.sequent.layers.BuiltLayer;
import java.util.Locale;

/**
 * Formats a model summary in the layout of Keras's {@code model.summary()}: one row per layer
 * with its name and type, output shape (batch axis as {@code None}) and parameter count, then
 * the totals with thousands separators and their float32 size. ASCII only, so it prints the
 * same on every console encoding.
 */
final class Summary {

    private static final int NAME_WIDTH = 33;
    private static final int SHAPE_WIDTH = 26;
    private static final int PARAM_WIDTH = 15;

    private Summary() {
    }

    static String format(Sequential model) {
        String rule = "_".repeat(NAME_WIDTH + SHAPE_WIDTH + PARAM_WIDTH);
        StringBuilder text = new StringBuilder();
        text.append("Model: \"").append(model.name()).append("\"\n");
        text.append(rule).append('\n');
        text.append(row("Layer (type)", "Output Shape", "Param #")).append('\n');
        text.append("=".repeat(rule.length())).append('\n');

        for (int i = 0; i < model.layers().size(); i++) {
            BuiltLayer layer = model.layers().get(i);
            String label = layer.name() + " (" + layer.layer().typeName() + ")";
            text.append(row(label, layer.outputShape().withBatch(), thousands(layer.parameterCount()))).append('\n');
            boolean last = i == model.layers().size() - 1;
            text.append(last ? "=".repeat(rule.length()) : rule).append('\n');
        }

        long total = model.parameterCount();
        text.append("Total params: ").append(thousands(total)).append(" (").append(bytes(total * 4)).append(")\n");
        text.append("Trainable params: ").append(thousands(total)).append(" (").append(bytes(total * 4)).append(")\n");
        text.append("Non-trainable params: 0 (0.00 B)\n");
        text.append(rule);
        return text.toString();
    }

    private static String row(String name, String shape, String params) {
        return pad(" " + name, NAME_WIDTH) + pad(shape, SHAPE_WIDTH) + params;
    }

    private static String pad(String text, int width) {
        if (text.length() >= width) {
            return text + " ";
        }
        return text + " ".repeat(width - text.length());
    }

    static String thousands(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Formats a byte count as Keras does: B, KB, MB, GB with two decimals, 1 KB = 1024 B. */
    static String bytes(long count) {
        String[] units = {"B", "KB", "MB", "GB"};
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }
}
