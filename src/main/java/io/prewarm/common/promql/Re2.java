package io.prewarm.common.promql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Label-matcher regular expressions as Prometheus compiles them: Go's RE2 syntax, anchored ({@code ^(?:re)$}).
 * The pattern is checked against RE2's rules (no look-around, back-references, possessive or nested repetition,
 * repeat counts up to 1000, only Go's escapes) and translated to an equivalent {@link Pattern}, used to tell
 * whether a matcher matches the empty string.
 */
final class Re2 {
    private static final Pattern REPEAT = Pattern.compile("\\{(\\d+)(,(\\d*))?}");
    private static final String POSIX = "alnum:Alnum alpha:Alpha ascii:ASCII blank:Blank cntrl:Cntrl digit:Digit "
            + "graph:Graph lower:Lower print:Print punct:Punct space:Space upper:Upper xdigit:XDigit";

    private final String re;
    private final StringBuilder out = new StringBuilder();
    private int i;

    private Re2(String re) {
        this.re = re;
    }

    /** The anchored pattern, or an {@link IllegalArgumentException} saying why RE2 would refuse it. */
    static Pattern compile(String re) {
        String java = new Re2(re).translate();
        try {
            return Pattern.compile("^(?:" + java + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + ": `" + re + "`");
        }
    }

    private String translate() {
        int depth = 0;
        boolean canRepeat = false;
        boolean repeated = false;
        boolean lazy = false;
        while (i < re.length()) {
            char c = re.charAt(i);
            Matcher rep = REPEAT.matcher(re).region(i, re.length());
            boolean isRepeat = c == '*' || c == '+' || c == '?' || (c == '{' && rep.lookingAt());
            if (isRepeat) {
                if (repeated && !(c == '?' && !lazy)) {
                    throw fail("invalid nested repetition operator", i);
                }
                if (!canRepeat && !repeated) {
                    throw fail("missing argument to repetition operator", i);
                }
                lazy = repeated;
                repeated = true;
                if (c == '{') {
                    int min = count(rep.group(1));
                    int max = rep.group(2) == null ? min : rep.group(3).isEmpty() ? -1 : count(rep.group(3));
                    if (max != -1 && max < min) {
                        throw fail("invalid repeat count", i);
                    }
                    out.append(rep.group());
                    i = rep.end();
                } else {
                    out.append(c);
                    i++;
                }
                continue;
            }
            repeated = false;
            lazy = false;
            canRepeat = true;
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> charClass();
                case '(' -> {
                    depth += group() ? 1 : 0;
                    canRepeat = false;
                }
                case ')' -> {
                    if (--depth < 0) {
                        throw fail("unexpected )", i);
                    }
                    out.append(c);
                    i++;
                }
                case '|' -> {
                    out.append(c);
                    i++;
                    canRepeat = false;
                }
                case '^', '$', '.' -> {
                    out.append(c);
                    i++;
                }
                default -> literal(c);
            }
        }
        if (depth > 0) {
            throw fail("missing closing )", re.length());
        }
        return out.toString();
    }

    private static int count(String digits) {
        if (digits.length() > 4 || Integer.parseInt(digits) > 1000) {
            throw new IllegalArgumentException("invalid repeat count");
        }
        return Integer.parseInt(digits);
    }

    private void literal(char c) {
        if (c < 128 && !Character.isLetterOrDigit(c)) {
            out.append('\\');
        }
        out.append(c);
        i++;
    }

    /** Translates a group opening or a flag setting; true when it opened a group (to be closed by ')'). */
    private boolean group() {
        if (!re.startsWith("(?", i)) {
            out.append('(');
            i++;
            return true;
        }
        if (re.startsWith("(?P<", i)) {
            int close = re.indexOf('>', i);
            if (close < 0 || close == i + 4 || !re.substring(i + 4, close).chars()
                    .allMatch(ch -> ch == '_' || (ch < 128 && Character.isLetterOrDigit(ch)))) {
                throw fail("invalid named capture", i);
            }
            out.append('(');
            i = close + 1;
            return true;
        }
        int j = i + 2;
        StringBuilder flags = new StringBuilder();
        while (j < re.length() && "imsU-".indexOf(re.charAt(j)) >= 0) {
            if (re.charAt(j) != 'U') {
                flags.append(re.charAt(j));
            }
            j++;
        }
        if (j == i + 2 || j >= re.length() || (re.charAt(j) != ')' && re.charAt(j) != ':')) {
            throw fail("invalid or unsupported Perl syntax", i);
        }
        String f = flags.toString().replaceAll("-$", "");
        boolean opens = re.charAt(j) == ':';
        if (opens) {
            out.append("(?").append(f).append(':');
        } else if (!f.isEmpty()) {
            out.append("(?").append(f).append(')');
        }
        i = j + 1;
        return opens;
    }

    /** An escape at {@code i}; in a class only escapes that stand for characters or classes are allowed. */
    private void escape(boolean inClass) {
        if (i + 1 >= re.length()) {
            throw fail("trailing backslash at end of expression", i);
        }
        char c = re.charAt(i + 1);
        int start = i;
        i += 2;
        switch (c) {
            case 'a' -> out.append("\\x07");
            case 'f', 'n', 'r', 't' -> out.append('\\').append(c);
            case 'v' -> out.append("\\x0B");
            case 'd', 'D', 's', 'S', 'w', 'W' -> out.append('\\').append(c);
            case 'b', 'B', 'A', 'z' -> {
                if (inClass) {
                    throw fail("invalid escape sequence", start);
                }
                out.append('\\').append(c);
            }
            case 'p', 'P' -> property(c, start);
            case 'Q' -> {
                int end = re.indexOf("\\E", i);
                String lit = end < 0 ? re.substring(i) : re.substring(i, end);
                i = end < 0 ? re.length() : end + 2;
                if (inClass) {
                    throw fail("invalid escape sequence", start);
                }
                out.append(Pattern.quote(lit));
            }
            case 'x' -> hex(start);
            default -> {
                if (c >= '0' && c <= '7' && (c == '0' || (i < re.length() && re.charAt(i) >= '0' && re.charAt(i) <= '7'))) {
                    int end = i;
                    while (end < re.length() && end < start + 4 && re.charAt(end) >= '0' && re.charAt(end) <= '7') {
                        end++;
                    }
                    out.append(String.format("\\x{%x}", Integer.parseInt(re.substring(start + 1, end), 8)));
                    i = end;
                } else if (c < 128 && !Character.isLetterOrDigit(c)) {
                    out.append('\\').append(c);
                } else {
                    throw fail("invalid escape sequence", start);
                }
            }
        }
    }

    private void property(char c, int start) {
        String name;
        if (i < re.length() && re.charAt(i) == '{') {
            int close = re.indexOf('}', i);
            if (close < 0) {
                throw fail("invalid character class range", start);
            }
            name = re.substring(i + 1, close);
            i = close + 1;
        } else if (i < re.length()) {
            name = String.valueOf(re.charAt(i++));
        } else {
            throw fail("invalid character class range", start);
        }
        boolean negate = name.startsWith("^");
        name = negate ? name.substring(1) : name;
        char p = (c == 'P') != negate ? 'P' : 'p';
        out.append('\\').append(p).append("{Is").append(name).append('}');
    }

    private void hex(int start) {
        String digits;
        if (i < re.length() && re.charAt(i) == '{') {
            int close = re.indexOf('}', i);
            digits = close < 0 ? "" : re.substring(i + 1, close);
            i = close < 0 ? re.length() : close + 1;
        } else {
            digits = i + 2 <= re.length() ? re.substring(i, i + 2) : "";
            i += 2;
        }
        if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)
                || Long.parseLong(digits, 16) > Character.MAX_CODE_POINT) {
            throw fail("invalid escape sequence", start);
        }
        out.append("\\x{").append(digits).append('}');
    }

    /** A bracketed class: members are copied escaped, POSIX names become Java properties, ranges are checked. */
    private void charClass() {
        int start = i++;
        out.append('[');
        if (i < re.length() && re.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (true) {
            if (i >= re.length()) {
                throw fail("missing closing ]", start);
            }
            char c = re.charAt(i);
            if (c == ']' && !first) {
                out.append(']');
                i++;
                return;
            }
            first = false;
            if (c == '[' && re.startsWith("[:", i)) {
                int close = re.indexOf(":]", i + 2);
                String name = close < 0 ? "" : re.substring(i + 2, close);
                boolean negate = name.startsWith("^");
                String java = posix(negate ? name.substring(1) : name, negate);
                if (java == null) {
                    throw fail("invalid character class range", i);
                }
                out.append(java);
                i = close + 2;
                continue;
            }
            int lo = member();
            if (lo >= 0 && i + 1 < re.length() && re.charAt(i) == '-' && re.charAt(i + 1) != ']') {
                int at = i++;
                out.append('-');
                int hi = member();
                if (hi < 0 || hi < lo) {
                    throw fail("invalid character class range", at);
                }
            }
        }
    }

    /** Copies one class member; returns its code point, or -1 for an escape that stands for a class. */
    private int member() {
        char c = re.charAt(i);
        if (c == '\\') {
            int before = out.length();
            escape(true);
            String java = out.substring(before);
            if (java.startsWith("\\x{")) {
                return Integer.parseInt(java.substring(3, java.length() - 1), 16);
            }
            return java.length() == 2 && !Character.isLetterOrDigit(java.charAt(1)) ? java.charAt(1) : -1;
        }
        int cp = re.codePointAt(i);
        i += Character.charCount(cp);
        if (cp < 128 && !Character.isLetterOrDigit(cp)) {
            out.append('\\');
        }
        out.appendCodePoint(cp);
        return cp;
    }

    private static String posix(String name, boolean negate) {
        if (name.equals("word")) {
            return negate ? "\\W" : "\\w";
        }
        for (String pair : POSIX.split(" ")) {
            if (pair.startsWith(name + ":")) {
                return (negate ? "\\P{" : "\\p{") + pair.substring(name.length() + 1) + "}";
            }
        }
        return null;
    }

    private IllegalArgumentException fail(String what, int at) {
        int end = Math.min(re.length(), at + 2);
        return new IllegalArgumentException(what + ": `" + re.substring(at, Math.max(end, at)) + "`");
    }
}
