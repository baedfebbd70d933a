package dev.sequent;

/** Raised when a model cannot be built: a layer receives an input shape it cannot accept. */
public class ModelDefinitionException extends SequentException {

    public ModelDefinitionException(String message) {
        super(message);
    }
}
