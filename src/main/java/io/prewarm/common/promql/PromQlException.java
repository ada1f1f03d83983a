package io.prewarm.common.promql;

/** A query that is not valid PromQL: what is wrong ({@link #reason()}) and where (a character offset). */
public final class PromQlException extends IllegalArgumentException {
    private final int position;
    private final String reason;

    PromQlException(int position, String reason) {
        super(position < 0 ? reason : reason + " (position " + (position + 1) + ")");
        this.position = position;
        this.reason = reason;
    }

    /** Zero-based offset of the offending character in the query; -1 when the query as a whole is at fault. */
    public int position() {
        return position;
    }

    /** The cause, in Prometheus's words where they are clear (for example {@code unexpected end of input}). */
    public String reason() {
        return reason;
    }

    /**
     * Where the problem is in {@code query}, for an error message: {@code position 7} for a one-line query,
     * {@code line 2, column 3} otherwise; empty when the query as a whole is at fault.
     */
    public String where(String query) {
        if (position < 0) {
            return "";
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(position, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return query.indexOf('\n') < 0 ? "position " + (position + 1)
                : "line " + line + ", column " + (position - lineStart + 1);
    }
}
