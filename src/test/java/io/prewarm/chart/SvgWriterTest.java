package io.prewarm.chart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SvgWriterTest {
    @Test
    void aPolylineBreaksWhereTheCallerFlushesAndWritesNothingWithoutPoints() {
        SvgWriter w = new SvgWriter(64, "\n");
        w.point(1, 2).point(3.25, 4).polyline("#000", "1", null).polyline("#000", "1", null).point(5, 6)
                .polyline("#111", "2", "4 3");
        assertThat(w.toString()).isEqualTo("<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"1\" points=\"1.0,2.0 3.3,4.0\"/>\n"
                + "<polyline fill=\"none\" stroke=\"#111\" stroke-width=\"2\" stroke-dasharray=\"4 3\" points=\"5.0,6.0\"/>\n");
    }

    @Test
    void textsAndClassesAreEscapedForTextAndAttributes() {
        String svg = new SvgWriter(64, "").line("a\"b", 0, 1, 2, 3, "#000", null, null)
                .text(1, 2, "", "<script>'x' & \"y\"\u0007").toString();
        assertThat(svg).isEqualTo("<line class=\"a&quot;b\" x1=\"0\" y1=\"1\" x2=\"2\" y2=\"3\" stroke=\"#000\"/>"
                + "<text x=\"1\" y=\"2\">&lt;script&gt;&#39;x&#39; &amp; &quot;y&quot;\uFFFD</text>");
    }
}
