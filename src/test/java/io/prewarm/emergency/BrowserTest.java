package io.prewarm.emergency;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrowserTest {
    static final Path MISSING = Path.of("/nonexistent/chromium");

    @Test
    void withoutTheBrowserTheTestsAreSkippedWithTheInstallCommand() {
        assertThatThrownBy(() -> Browser.requireInstalled(MISSING, MISSING, null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install -y chromium chromium-driver")
                .hasMessageContaining("PREWARM_REQUIRE_BROWSER=true");
    }

    @Test
    void withoutTheBrowserInCiTheTestsFail() {
        assertThatThrownBy(() -> Browser.requireInstalled(MISSING, MISSING, "true"))
                .isInstanceOf(AssertionError.class).isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("PREWARM_REQUIRE_BROWSER=true forbids skipping them");
    }
}
