package dev.sequent.spi;

import java.util.Objects;

/**
 * Whether a backend can run in this process, and if not, why (for example a native library
 * that failed to load).
 */
public record Availability(boolean available, String reason) {

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability yes() {
        return new Availability(true, "available");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
