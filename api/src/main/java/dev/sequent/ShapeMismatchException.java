package dev.sequent;

/** Raised when data does not have the shape the model expects. */
public class ShapeMismatchException extends SequentException {

    public ShapeMismatchException(String message) {
        super(message);
    }
}
