package dev.sequent.examples;

import dev.sequent.SequentException;
import java.io.PrintStream;

/**
 * Runs one example program on real data:
 * {@code Main <digits|weather|sp500|digits-onnx|penguins> [--backend <id>] [--epochs <n>] [--seed <n>]}.
 * From the repository root: {@code mvn -q -DskipTests -pl examples -am package exec:java -Dexec.args="digits"}.
 */
public final class Main {

    /** Exit status when an example fails with a Sequent error, such as a backend that is not on the class path. */
    static final int RUN_ERROR = 1;

    /** Exit status for a bad or missing command-line argument. */
    static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        ExampleOptions options;
        try {
            options = ExampleOptions.parse(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.println(ExampleOptions.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        try {
            run(options, System.out);
        } catch (SequentException e) {
            System.err.println("Example '" + options.example() + "' failed: " + e.getMessage());
            System.exit(RUN_ERROR);
        }
    }

    /** Runs the example named in {@code options}, printing its progress and results to {@code out}. */
    static void run(ExampleOptions options, PrintStream out) {
        switch (options.example()) {
            case "digits" -> DigitsExample.run(options, out);
            case "weather" -> WeatherExample.run(options, out);
            case "sp500" -> Sp500Example.run(options, out);
            case "digits-onnx" -> DigitsOnnxExample.run(options, out);
            case "penguins" -> PenguinsExample.run(options, out);
            default -> throw new UsageException("Unknown example '" + options.example() + "'; expected one of "
                    + ExampleOptions.EXAMPLES + ".");
        }
    }
}
