package io.prewarm.console;

import io.prewarm.emergency.ApiException;
import io.prewarm.emergency.EmergencyService;
import io.prewarm.emergency.Guard;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The operator console: one server-rendered page at {@code /console} ({@code /} redirects there), and its
 * script and stylesheet. Reading needs no token (like {@code GET /v1/emergency}, rate limited); the
 * page's buttons call the authenticated JSON API. Runs on a worker thread: building the page may read
 * recent demand. Every answer forbids inline script, framing and foreign origins.
 */
@Path("/")
public class ConsoleResource {
    /** No inline script or style, nothing from another origin, no framing. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> ASSETS = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private static final Map<String, byte[]> LOADED = Map.of(
            "console.js", load("console.js"),
            "console.css", load("console.css"),
            "favicon.svg", load("favicon.svg"));

    private final EmergencyService service;
    private final Guard guard;
    private final ConsoleSources sources;

    public ConsoleResource(EmergencyService service, Guard guard, ConsoleSources sources) {
        this.service = service;
        this.guard = guard;
        this.sources = sources;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/console")).build();
    }

    @GET
    @Path("console")
    public Response page(@Context HttpServerRequest request) {
        int status = 200;
        String html;
        try {
            guard.admit(request);
            html = ConsolePage.render(ConsoleViews.build(service.overview(), sources));
        } catch (ApiException e) {
            status = e.status();
            html = ConsolePage.error(e.status(), e.getMessage());
        }
        Response.ResponseBuilder b = Response.status(status).type("text/html; charset=utf-8")
                .header("Cache-Control", "no-store").header("Vary", "Accept-Encoding");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        String accepts = request.getHeader("Accept-Encoding");
        // the page is mostly SVG coordinates: gzip makes it about a fifth, which matters on a phone in an incident
        if (accepts != null && accepts.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            b.entity(gzip(bytes)).header("Content-Encoding", "gzip");
        } else {
            b.entity(bytes);
        }
        return secure(b).build();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing the console page: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @GET
    @Path("console/assets/{name}")
    public Response asset(@PathParam("name") String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            return secure(Response.status(404).entity("no such asset").type("text/plain")).build();
        }
        return secure(Response.ok(LOADED.get(name)).type(type)).header("Cache-Control", "no-cache").build();
    }

    private static Response.ResponseBuilder secure(Response.ResponseBuilder b) {
        return b.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }

    private static byte[] load(String name) {
        try (InputStream in = ConsoleResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("loading the console asset " + name + ": not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("loading the console asset " + name + ": " + e.getMessage(), e);
        }
    }
}
