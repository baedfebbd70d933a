package dev.sequent.spi;

import dev.sequent.train.Loss;
import dev.sequent.train.Optimizer;
import java.util.Objects;

/** What a backend needs to train: the optimizer and the loss. Metrics are computed by the API. */
public record TrainingConfig(Optimizer optimizer, Loss loss) {

    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
    }
}
