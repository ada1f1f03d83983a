package io.prewarm.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** A history source as {@code --metrics} names it: the bundled demo, a folder of CSV files, or a Prometheus URL. */
public sealed interface MetricsSpec {

    /** {@code demo}: the bundled history. */
    record Demo() implements MetricsSpec {
        @Override
        public String toString() {
            return "demo";
        }
    }

    /** {@code file:DIR}: CSV files {@code DIR/<environment>/<service>.csv}. */
    record Files(Path dir) implements MetricsSpec {
        @Override
        public String toString() {
            return "file:" + dir;
        }
    }

    /** A Prometheus (or Thanos, Mimir) base URL; never one with user info, so it can be shown anywhere. */
    record Url(URI uri) implements MetricsSpec {
        public Url {
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(CREDENTIALS_REFUSED);
            }
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }

    String CREDENTIALS_REFUSED = "credentials in URLs are refused; set prewarm.prometheus.basic-auth.username and "
            + "password, or prewarm.prometheus.bearer-token";

    /** {@code scheme://user[:password]@}: anything with an {@code @} before the first {@code /} after the scheme. */
    Pattern CREDENTIALS = Pattern.compile("^https?://[^/?#]*@");

    /**
     * An http(s) URL with a host; user info is a credential: refused, and never echoed (not even in a malformed
     * URL).
     */
    static Url url(String spec) {
        if (CREDENTIALS.matcher(spec).find()) {
            throw new TypeConversionException(CREDENTIALS_REFUSED);
        }
        URI uri;
        try {
            uri = URI.create(spec);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + spec + "' is not a valid URL");
        }
        if (uri.getHost() == null) {
            throw new TypeConversionException("'" + spec + "' has no host");
        }
        return new Url(uri);
    }

    private static boolean isUrl(String spec) {
        return spec.startsWith("http://") || spec.startsWith("https://");
    }

    /** {@code plan}, {@code backtest}: {@code demo}, {@code file:DIR} (an existing folder) or an http(s) URL. */
    final class Converter implements ITypeConverter<MetricsSpec> {
        @Override
        public MetricsSpec convert(String spec) {
            if (spec.equals("demo")) {
                return new Demo();
            }
            if (isUrl(spec)) {
                return url(spec);
            }
            if (spec.startsWith("file:")) {
                Path dir = Path.of(spec.substring("file:".length()));
                if (!java.nio.file.Files.isDirectory(dir)) {
                    throw new TypeConversionException("'" + spec + "': " + dir + " is not a directory");
                }
                return new Files(dir);
            }
            throw new TypeConversionException("'" + spec + "' is neither 'demo', 'file:DIR' nor an http(s) "
                    + "Prometheus URL");
        }
    }

    /** {@code serve}: {@code none} (no value: picocli makes it an empty Optional), {@code demo} or an http(s) URL. */
    final class OrNone implements ITypeConverter<MetricsSpec> {
        @Override
        public MetricsSpec convert(String spec) {
            if (spec.equals("none")) {
                return null;
            }
            if (spec.equals("demo")) {
                return new Demo();
            }
            if (isUrl(spec)) {
                return url(spec);
            }
            throw new TypeConversionException("'" + spec + "' is neither 'none', 'demo' nor an http(s) "
                    + "Prometheus URL");
        }
    }
}
