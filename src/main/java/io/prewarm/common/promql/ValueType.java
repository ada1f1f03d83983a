package io.prewarm.common.promql;

/** What a PromQL expression evaluates to, named as Prometheus's error messages name it. */
public enum ValueType {
    SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
