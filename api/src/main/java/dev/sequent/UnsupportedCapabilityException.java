package dev.sequent;

/**
 * Raised when an operation needs a capability the compiled model's backend lacks, such as
 * {@code fit} on an inference-only backend. The message names backends that have it.
 */
public class UnsupportedCapabilityException extends SequentException {

    public UnsupportedCapabilityException(String message) {
        super(message);
    }
}
