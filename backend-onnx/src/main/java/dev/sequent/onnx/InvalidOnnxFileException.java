package dev.sequent.onnx;

import dev.sequent.SequentException;
import java.nio.file.Path;

/**
 * Raised when a file cannot be loaded as a Sequent ONNX model: it is not ONNX, it is
 * truncated, or it was not exported by Sequent. The message names the file and the problem.
 */
public class InvalidOnnxFileException extends SequentException {

    private final transient Path file;

    public InvalidOnnxFileException(Path file, String problem) {
        super("Cannot load ONNX model " + file + ": " + problem);
        this.file = file;
    }

    public InvalidOnnxFileException(Path file, String problem, Throwable cause) {
        super("Cannot load ONNX model " + file + ": " + problem, cause);
        this.file = file;
    }

    /** Returns the file that failed to load. */
    public Path file() {
        return file;
    }
}
