package dev.sequent;

import java.nio.file.Path;

/**
 * Raised when a model file cannot be read or written: not a Sequent model, truncated or
 * damaged, from an unknown format version, or naming a layer type this version does not
 * know. The message names the file and the problem.
 */
public class ModelFileException extends SequentException {

    private final Path file;

    public ModelFileException(Path file, String problem) {
        super("Model file " + file + ": " + problem);
        this.file = file;
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super("Model file " + file + ": " + problem, cause);
        this.file = file;
    }

    /** Returns the file involved. */
    public Path file() {
        return file;
    }
}
