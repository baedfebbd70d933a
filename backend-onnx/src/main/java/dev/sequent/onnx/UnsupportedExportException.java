package dev.sequent.onnx;

import dev.sequent.SequentException;

/**
 * Raised before anything is written when a model uses a layer or option that Sequent cannot
 * express in ONNX for ONNX Runtime. The message names the layer and the option.
 */
public class UnsupportedExportException extends SequentException {

    public UnsupportedExportException(String message) {
        super(message);
    }
}
