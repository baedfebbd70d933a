package dev.sequent;

/**
 * Raised when no backend fits a request: none on the class path, the named one missing or
 * unable to run here. The message lists what was found and the Maven coordinates to add.
 */
public class BackendNotFoundException extends SequentException {

    public BackendNotFoundException(String message) {
        super(message);
    }
}
