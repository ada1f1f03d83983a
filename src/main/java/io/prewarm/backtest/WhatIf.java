package io.prewarm.backtest;

import java.util.Objects;

/**
 * The same replay with a policy variant: {@code base} under the policy as written, {@code variant}
 * under the changed policy, on the same trace and with the same physical boot time.
 */
public record WhatIf(PolicyVariant changes, BacktestResult base, BacktestResult variant) {
    public WhatIf {
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(variant, "variant");
    }
}
