package dev.sequent.callbacks;

import java.nio.file.Path;
import java.util.Map;

/**
 * Saves the model during training, as Keras's {@code ModelCheckpoint} does: after every epoch,
 * or with {@code saveBestOnly} only when the monitored value improves on the best so far. The
 * file name may contain {@code {epoch}}, replaced by the 1-based epoch number, to keep one file
 * per epoch. Each save is atomic (see {@code CompiledModel.save}).
 *
 * <p>Defaults: monitor {@code val_loss}, save every epoch, optimizer state included.
 */
public final class ModelCheckpoint implements Callback {

    private final String pattern;
    private final Monitor monitor;
    private final boolean saveBestOnly;

    private ModelCheckpoint(String pattern, String monitor, boolean saveBestOnly) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("The checkpoint file must be a non-blank path, but was '" + pattern + "'.");
        }
        this.pattern = pattern;
        this.monitor = new Monitor(monitor, 0);
        this.saveBestOnly = saveBestOnly;
    }

    /** Saves to {@code file} after every epoch. */
    public static ModelCheckpoint to(Path file) {
        return new ModelCheckpoint(file.toString(), "val_loss", false);
    }

    /** Returns a copy that saves only when {@code monitor} improves. */
    public ModelCheckpoint saveBestOnly(String monitor) {
        return new ModelCheckpoint(pattern, monitor, true);
    }

    /** Returns the file for an epoch: the pattern with {@code {epoch}} replaced. */
    public Path fileFor(int epoch) {
        return Path.of(pattern.replace("{epoch}", Integer.toString(epoch)));
    }

    @Override
    public void onTrainBegin(FitContext context) {
        monitor.reset();
    }

    @Override
    public void onEpochEnd(FitContext context, int epoch, Map<String, Double> logs) {
        if (saveBestOnly && !monitor.improve(monitor.read(logs))) {
            return;
        }
        context.model().save(fileFor(epoch));
    }
}
