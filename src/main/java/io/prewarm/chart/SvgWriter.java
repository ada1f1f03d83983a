package io.prewarm.chart;

import java.util.Locale;

/**
 * Writes SVG elements into a buffer, every text escaped and every coordinate with one decimal, so two charts
 * drawing the same shape write the same bytes. {@code eol} follows each element ({@code "\n"} for a file a
 * person may read, {@code ""} inline in a page). Deterministic.
 */
public final class SvgWriter {
    private final StringBuilder s;
    private final String eol;
    private final StringBuilder points = new StringBuilder();

    public SvgWriter(int capacity, String eol) {
        this.s = new StringBuilder(capacity);
        this.eol = eol;
    }

    /** Markup written as is (the caller escapes what it puts in). */
    public SvgWriter raw(String markup) {
        s.append(markup);
        return this;
    }

    /** Adds a point to the pending polyline. */
    public SvgWriter point(double x, double y) {
        points.append(points.length() == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
        return this;
    }

    /** Writes the pending points as one polyline (nothing when there are none), so a gap starts a new line. */
    public SvgWriter polyline(String color, String width, String dash) {
        if (points.length() == 0) {
            return this;
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(width).append('"');
        dash(dash);
        s.append(" points=\"").append(points).append("\"/>").append(eol);
        points.setLength(0);
        return this;
    }

    /**
     * A line; {@code cls}, {@code width} and {@code dash} are left out when null. Coordinates are written as
     * given ({@code int}s without decimals, {@link #fmt(double)} for the rest).
     */
    public SvgWriter line(String cls, Object x1, Object y1, Object x2, Object y2, String stroke, String width, String dash) {
        s.append("<line");
        if (cls != null) {
            s.append(" class=\"").append(escape(cls)).append('"');
        }
        s.append(" x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2).append("\" y2=\"")
                .append(y2).append("\" stroke=\"").append(stroke).append('"');
        if (width != null) {
            s.append(" stroke-width=\"").append(width).append('"');
        }
        dash(dash);
        s.append("/>").append(eol);
        return this;
    }

    /** A text at {@code x, y}; {@code attributes} (written as is, with a leading space) and the escaped text. */
    public SvgWriter text(Object x, Object y, String attributes, String text) {
        s.append("<text x=\"").append(x).append("\" y=\"").append(y).append('"').append(attributes).append('>')
                .append(escape(text)).append("</text>").append(eol);
        return this;
    }

    /** A rectangle with a fill and, when not null, a stroke. */
    public SvgWriter rect(Object x, Object y, Object width, Object height, String fill, String stroke) {
        s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" fill=\"").append(fill).append('"');
        if (stroke != null) {
            s.append(" stroke=\"").append(stroke).append('"');
        }
        s.append("/>").append(eol);
        return this;
    }

    private void dash(String dash) {
        if (dash != null) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
    }

    @Override
    public String toString() {
        return s.toString();
    }

    /** One decimal, dot as separator, whatever the default locale. */
    public static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes {@code & < > " '} so a value is safe in text and in quoted attributes alike; null is empty. */
    public static String escape(String t) {
        if (t == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                // control characters other than tab and newline have no business in a picture or a page
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }
}
