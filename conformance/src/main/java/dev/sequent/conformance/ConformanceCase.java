package dev.sequent.conformance;

import dev.sequent.spi.Capability;
import java.util.Objects;
import java.util.Set;

/**
 * One conformance check: a model with explicit weights, an input, and an expected output or
 * expected weights, run through the backend SPI alone.
 *
 * @param area the group the case is reported under, for example {@code "dense"}
 * @param name a short description, unique within its area
 * @param requires the capabilities the backend must report; without them the case is
 *     reported as unsupported
 * @param body the check itself
 */
public record ConformanceCase(String area, String name, Set<Capability> requires, Body body) {

    /** The code of one case. It compiles models through the context, which closes them. */
    @FunctionalInterface
    public interface Body {
        void run(CaseContext context) throws Exception;
    }

    public ConformanceCase {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        requires = Set.copyOf(requires);
    }

    /** Creates a case that needs only {@link Capability#INFERENCE}. */
    public static ConformanceCase inference(String area, String name, Body body) {
        return new ConformanceCase(area, name, Set.of(Capability.INFERENCE), body);
    }

    /** Creates a case that needs {@link Capability#TRAINING}. */
    public static ConformanceCase training(String area, String name, Body body) {
        return new ConformanceCase(area, name, Set.of(Capability.TRAINING), body);
    }

    @Override
    public String toString() {
        return area + ": " + name;
    }
}
