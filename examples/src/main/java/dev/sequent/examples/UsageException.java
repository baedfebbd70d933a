package dev.sequent.examples;

/** Raised for a bad or missing command-line argument; {@link Main} prints the message and the usage. */
public final class UsageException extends IllegalArgumentException {

    public UsageException(String message) {
        super(message);
    }
}
