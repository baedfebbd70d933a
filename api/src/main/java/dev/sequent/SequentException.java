package dev.sequent;

/** The base of every exception Sequent raises for a problem the caller can fix. */
public class SequentException extends RuntimeException {

    public SequentException(String message) {
        super(message);
    }

    public SequentException(String message, Throwable cause) {
        super(message, cause);
    }
}
