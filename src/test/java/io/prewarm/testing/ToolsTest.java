package io.prewarm.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolsTest {
    static final String EMPTY_PATH = "/nonexistent/bin";

    static Tools with(String require, String optional, String path) {
        Properties p = new Properties();
        if (require != null) {
            p.setProperty(Tools.REQUIRE_PROPERTY, require);
        }
        if (optional != null) {
            p.setProperty(Tools.OPTIONAL_PROPERTY, optional);
        }
        return new Tools(p, path);
    }

    @Test
    void aMissingToolSkipsTheTestWithTheReasonAndTheInstallCommand() {
        assertThatThrownBy(() -> with(null, null, EMPTY_PATH).find("promtool", "apt-get install prometheus", "promtool"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("skipped: promtool is not on the PATH (apt-get install prometheus); "
                        + "set -Dprewarm.requireTools=true to fail instead");
    }

    @Test
    void aMissingToolFailsTheTestWhenToolsAreRequired() {
        assertThatThrownBy(() -> with("true", null, EMPTY_PATH).find("pushgateway", "apt-get install prometheus-pushgateway",
                "prometheus-pushgateway", "pushgateway"))
                .isInstanceOf(AssertionFailedError.class).isNotInstanceOf(TestAbortedException.class)
                .hasMessage("prometheus-pushgateway or pushgateway is not on the PATH (apt-get install "
                        + "prometheus-pushgateway), and -Dprewarm.requireTools=true forbids skipping "
                        + "(name it in -Dprewarm.optionalTools=pushgateway to allow it)");
    }

    @Test
    void aToolNamedOptionalStillSkipsWhenToolsAreRequired() {
        assertThatThrownBy(() -> with("true", "tfcheck, terraform", EMPTY_PATH).missing("terraform", "no terraform"))
                .isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> with("true", "tfcheck, terraform", EMPTY_PATH).missing("kubectl", "no kubectl"))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void requireToolsFalseSkipsLikeUnset() {
        assertThatThrownBy(() -> with("false", null, EMPTY_PATH).missing("kubectl", "no kubectl"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aToolOnThePathIsFoundInPathOrder() {
        Path sh = with("true", null, "/nonexistent/bin:/bin:/usr/bin").find("sh", "apt-get install dash", "sh");
        assertThat(sh).isEqualTo(Path.of("/bin/sh"));
        assertThat(with("true", null, "/usr/bin:/bin").find("sh", "-", "nonexistent-tool", "sh"))
                .isEqualTo(Path.of("/usr/bin/sh"));
    }
}
