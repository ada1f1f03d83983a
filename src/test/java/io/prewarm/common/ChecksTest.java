package io.prewarm.common;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void firstNullValueIsNamedInTheExceptionLikeRequireNonNull() {
        assertThatThrownBy(() -> Checks.nonNull("from, to, step", "a", null, null))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("to");
    }

    @Test
    void valuesThatAreAllPresentPass() {
        assertThatCode(() -> Checks.nonNull("from, to", "a", "b")).doesNotThrowAnyException();
    }

    @Test
    void namesAndValuesDifferingInNumberAreAProgrammingError() {
        assertThatThrownBy(() -> Checks.nonNull("from, to", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 names (from, to) for 1 values");
    }
}
