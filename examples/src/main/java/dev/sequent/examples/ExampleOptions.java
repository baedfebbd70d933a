package dev.sequent.examples;

import dev.sequent.CompileOptions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parsed command line: the example to run, the backend id (empty for automatic selection),
 * the number of epochs (empty for the example's default) and the seed.
 */
public record ExampleOptions(String example, Optional<String> backend, OptionalInt epochs, long seed) {

    /** The example names {@link Main} accepts, in the order the usage message lists them. */
    public static final List<String> EXAMPLES = List.of("digits", "weather", "sp500", "digits-onnx", "penguins");

    /** The usage message printed for a bad or missing argument. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: Main <example> [--backend <id>] [--epochs <n>] [--seed <n>]",
            "",
            "Examples:",
            "  digits       classify 8x8 handwritten digits (optdigits) with a dense network",
            "  weather      forecast Seattle's next-day maximum temperature with a SimpleRNN",
            "  sp500        forecast the S&P 500's next close with a SimpleRNN",
            "  digits-onnx  train digits, export digits.onnx and evaluate it on ONNX Runtime",
            "  penguins     classify the Palmer penguins' species from measurements and island",
            "",
            "Options:",
            "  --backend <id>   backend to run on: native, tensorflow or onnx (default: the highest-priority",
            "                   backend on the class path that can train)",
            "  --epochs <n>     training epochs, a positive integer (default: set by each example)",
            "  --seed <n>       seed for the initial weights and the shuffling, an integer (default: "
                    + CompileOptions.DEFAULT_SEED + ")");

    /**
     * Parses {@code args}: the example name first, then options in any order, each at most once.
     *
     * @throws UsageException if the name is missing or unknown, an option is unknown, repeated or
     *     lacks its value, or a number is invalid
     */
    public static ExampleOptions parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("Missing example name; expected one of " + EXAMPLES + ".");
        }
        String example = args[0];
        if (!EXAMPLES.contains(example)) {
            throw new UsageException("Unknown example '" + example + "'; expected one of " + EXAMPLES + ".");
        }

        Optional<String> backend = Optional.empty();
        OptionalInt epochs = OptionalInt.empty();
        Optional<Long> seed = Optional.empty();
        for (int i = 1; i < args.length; i += 2) {
            String option = args[i];
            if (!List.of("--backend", "--epochs", "--seed").contains(option)) {
                throw new UsageException("Unknown option '" + option + "'; expected --backend, --epochs or --seed.");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("Option " + option + " is missing its value; write it as " + option
                        + " <value>.");
            }
            String value = args[i + 1];
            switch (option) {
                case "--backend" -> {
                    rejectRepeat(option, backend.isPresent());
                    backend = Optional.of(parseBackend(value));
                }
                case "--epochs" -> {
                    rejectRepeat(option, epochs.isPresent());
                    epochs = OptionalInt.of(parseEpochs(value));
                }
                case "--seed" -> {
                    rejectRepeat(option, seed.isPresent());
                    seed = Optional.of(parseSeed(value));
                }
                default -> throw new UsageException("Unknown option '" + option
                        + "'; expected --backend, --epochs or --seed.");
            }
        }
        return new ExampleOptions(example, backend, epochs, seed.orElse(CompileOptions.DEFAULT_SEED));
    }

    /** Returns the number of epochs from the command line, or {@code defaultEpochs} if none was given. */
    public int epochsOr(int defaultEpochs) {
        return epochs.orElse(defaultEpochs);
    }

    /** Applies the backend (when one was given) and the seed to {@code options}. */
    public CompileOptions applyTo(CompileOptions options) {
        CompileOptions seeded = options.seed(seed);
        return backend.map(seeded::backend).orElse(seeded);
    }

    private static void rejectRepeat(String option, boolean alreadySet) {
        if (alreadySet) {
            throw new UsageException("Option " + option + " is given twice; give it once.");
        }
    }

    private static String parseBackend(String value) {
        if (value.isBlank() || value.startsWith("--")) {
            throw new UsageException("Invalid backend id '" + value + "' for --backend; expected an id such as"
                    + " native, tensorflow or onnx.");
        }
        return value;
    }

    private static int parseEpochs(String value) {
        int epochs;
        try {
            epochs = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value '" + value + "' for --epochs; expected a positive integer"
                    + " such as 20.");
        }
        if (epochs <= 0) {
            throw new UsageException("Invalid value " + epochs + " for --epochs; expected a positive integer"
                    + " such as 20.");
        }
        return epochs;
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value '" + value + "' for --seed; expected an integer such as 42.");
        }
    }
}
