package dev.sequent.spi;

import dev.sequent.train.Loss;
import dev.sequent.train.Optimizer;
import java.util.Objects;

/** The settings a backend needs to train: the optimizer and the loss. The API computes the metrics. */
public record TrainingConfig(Optimizer optimizer, Loss loss) {

    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
    }
}
