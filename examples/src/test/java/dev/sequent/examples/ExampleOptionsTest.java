package dev.sequent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.CompileOptions;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExampleOptionsTest {

    @Test
    void nameAloneUsesDefaults() {
        ExampleOptions options = ExampleOptions.parse("digits");

        assertEquals("digits", options.example());
        assertEquals(Optional.empty(), options.backend());
        assertEquals(OptionalInt.empty(), options.epochs());
        assertEquals(CompileOptions.DEFAULT_SEED, options.seed());
        assertEquals(20, options.epochsOr(20));
    }

    @Test
    void allOptionsInAnyOrder() {
        ExampleOptions options = ExampleOptions.parse("weather", "--seed", "-7", "--epochs", "3", "--backend", "native");

        assertEquals("weather", options.example());
        assertEquals(Optional.of("native"), options.backend());
        assertEquals(3, options.epochsOr(20));
        assertEquals(-7L, options.seed());
    }

    @Test
    void appliesBackendAndSeed() {
        ExampleOptions options = ExampleOptions.parse("sp500", "--backend", "tensorflow", "--seed", "42");

        CompileOptions applied = options.applyTo(CompileOptions.inference());

        assertEquals(Optional.of("tensorflow"), applied.backend());
        assertEquals(42L, applied.seed());
    }

    @Test
    void rejectsMissingName() {
        UsageException error = assertThrows(UsageException.class, ExampleOptions::parse);

        assertEquals("Missing example name; expected one of [digits, weather, sp500, digits-onnx, penguins].",
                error.getMessage());
    }

    @Test
    void rejectsUnknownName() {
        UsageException error = assertThrows(UsageException.class, () -> ExampleOptions.parse("mnist"));

        assertEquals("Unknown example 'mnist'; expected one of [digits, weather, sp500, digits-onnx, penguins].",
                error.getMessage());
    }

    @Test
    void rejectsUnknownOption() {
        UsageException error = assertThrows(UsageException.class,
                () -> ExampleOptions.parse("digits", "--batch", "64"));

        assertEquals("Unknown option '--batch'; expected --backend, --epochs or --seed.", error.getMessage());
    }

    @Test
    void rejectsUnknownTrailingWord() {
        UsageException error = assertThrows(UsageException.class, () -> ExampleOptions.parse("digits", "extra"));

        assertEquals("Unknown option 'extra'; expected --backend, --epochs or --seed.", error.getMessage());
    }

    @Test
    void rejectsOptionWithoutValue() {
        UsageException error = assertThrows(UsageException.class, () -> ExampleOptions.parse("digits", "--epochs"));

        assertEquals("Option --epochs is missing its value; write it as --epochs <value>.", error.getMessage());
    }

    @Test
    void rejectsNonNumericEpochs() {
        UsageException error = assertThrows(UsageException.class,
                () -> ExampleOptions.parse("digits", "--epochs", "ten"));

        assertEquals("Invalid value 'ten' for --epochs; expected a positive integer such as 20.", error.getMessage());
    }

    @Test
    void rejectsZeroEpochs() {
        UsageException error = assertThrows(UsageException.class,
                () -> ExampleOptions.parse("digits", "--epochs", "0"));

        assertEquals("Invalid value 0 for --epochs; expected a positive integer such as 20.", error.getMessage());
    }

    @Test
    void rejectsNonNumericSeed() {
        UsageException error = assertThrows(UsageException.class,
                () -> ExampleOptions.parse("digits", "--seed", "1.5"));

        assertEquals("Invalid value '1.5' for --seed; expected an integer such as 42.", error.getMessage());
    }

    @Test
    void rejectsRepeatedOption() {
        UsageException error = assertThrows(UsageException.class,
                () -> ExampleOptions.parse("digits", "--seed", "1", "--seed", "2"));

        assertEquals("Option --seed is given twice; give it once.", error.getMessage());
    }

    @Test
    void rejectsOptionAsBackendValue() {
        UsageException error = assertThrows(UsageException.class,
                () -> ExampleOptions.parse("digits", "--backend", "--epochs"));

        assertTrue(error.getMessage().startsWith("Invalid backend id '--epochs' for --backend"), error.getMessage());
    }

    @Test
    void usageListsEveryOption() {
        for (String option : new String[] {"--backend <id>", "--epochs <n>", "--seed <n>", "digits", "weather", "sp500",
                "digits-onnx", "penguins"}) {
            assertTrue(ExampleOptions.USAGE.contains(option), option);
        }
    }
}
