package dev.sequent;

/**
 * Raised when data cannot be used as given: empty, mismatched sample counts, NaN or infinite
 * values, or labels outside the range the loss expects.
 */
public class InvalidDataException extends SequentException {

    public InvalidDataException(String message) {
        super(message);
    }
}
