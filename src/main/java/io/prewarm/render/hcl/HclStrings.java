package io.prewarm.render.hcl;

import java.util.regex.Pattern;

/** Quoting and naming rules of HCL native syntax. */
public final class HclStrings {
    private static final Pattern NOT_LABEL = Pattern.compile("[^a-z0-9_]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\u2028\u2029]+");

    private HclStrings() {
    }

    /**
     * A quoted HCL string whose value is exactly {@code value}: backslash, quote and control characters
     * are escaped, and {@code ${} / {@code %{} are doubled so policy text never becomes a template.
     */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '$', '%' -> {
                    sb.append(c);
                    if (i + 1 < value.length() && value.charAt(i + 1) == '{') {
                        sb.append(c);
                    }
                }
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** {@code [A-Za-z_][A-Za-z0-9_-]*}, checked by hand: it runs for every attribute and key. */
    public static boolean isIdentifier(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean later = (c >= '0' && c <= '9') || c == '-';
            if (!(letter || (i > 0 && later))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Terraform block label derived from a stable name: lowercase, {@code -} and other characters
     * become {@code _}, and a leading digit gets a {@code _} prefix (labels must start with a letter
     * or underscore).
     */
    public static String label(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("deriving resource label: empty name");
        }
        String s = NOT_LABEL.matcher(name.toLowerCase(java.util.Locale.ROOT)).replaceAll("_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** Text for a {@code #} comment: one line, no control characters. */
    public static String commentText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return CONTROL.matcher(text).replaceAll(" ").strip();
            }
        }
        return text.strip();
    }
}
