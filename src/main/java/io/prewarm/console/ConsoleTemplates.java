package io.prewarm.console;

import io.prewarm.chart.SvgWriter;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.RawString;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.ValueResolver;
import io.quarkus.qute.Variant;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's Qute templates ({@code src/main/resources/templates/console/}) on one engine, built once and
 * used by the resource and by tests alike (no CDI needed). Every value a template prints is HTML-escaped by
 * {@link HtmlText} unless it is a {@link RawString} (the chart's SVG, which escapes its own text). Two
 * helpers the templates use: {@code instant.utc} ({@code 2026-11-28 12:00 UTC}) and {@code string.abbrev}
 * (a commit id's first 12 characters).
 */
final class ConsoleTemplates {
    private static final String ROOT = "templates/";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);
    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addValueResolver(ValueResolver.builder().applyToBaseClass(Instant.class).applyToName("utc")
                    .resolveSync(c -> UTC.format((Instant) c.getBase())).build())
            .addValueResolver(ValueResolver.builder().applyToBaseClass(String.class).applyToName("abbrev")
                    .resolveSync(c -> abbrev((String) c.getBase())).build())
            .addResultMapper(new HtmlText())
            .addLocator(ConsoleTemplates::locate)
            .build();
    static final Template PAGE = ENGINE.getTemplate("console/page.html");
    static final Template ERROR = ENGINE.getTemplate("console/error.html");

    private ConsoleTemplates() {
    }

    private static String abbrev(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** Templates on the classpath under {@code templates/}; an id without a suffix is an {@code .html} file. */
    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        ClassLoader loader = ConsoleTemplates.class.getClassLoader();
        URL url = loader.getResource(ROOT + id);
        if (url == null) {
            url = loader.getResource(ROOT + id + ".html");
        }
        if (url == null) {
            return Optional.empty();
        }
        URL found = url;
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                try {
                    InputStream in = found.openStream();
                    return new InputStreamReader(in, StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("reading the console template " + id + ": " + e.getMessage(), e);
                }
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(HTML);
            }
        });
    }

    /**
     * Escapes every printed value of an HTML template: {@code & < > " '} as entities and control characters
     * other than tab and newline as U+FFFD (the same rule as the SVG writer). {@link RawString}s pass as they are.
     */
    static final class HtmlText implements ResultMapper {
        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return !(result instanceof RawString)
                    && origin.getVariant().map(v -> Variant.TEXT_HTML.equals(v.getMediaType())).orElse(false);
        }

        @Override
        public String map(Object result, Expression expression) {
            return SvgWriter.escape(result.toString());
        }
    }
}
