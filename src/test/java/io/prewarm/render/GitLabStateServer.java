package io.prewarm.render;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two parts of GitLab's API that the Terraform jobs of {@code .gitlab-ci.yml} use, on 127.0.0.1:
 * Terraform's {@code http} state backend as GitLab serves it ({@code GET}/{@code POST}/{@code DELETE}
 * {@code /projects/:id/terraform/state/:name}, lock with {@code POST} and unlock with {@code DELETE} on
 * {@code .../:name/lock}, also Terraform's default {@code LOCK}/{@code UNLOCK} methods; HTTP Basic
 * {@code gitlab-ci-token:<job token>}) and the generic package registry ({@code PUT}/{@code GET}
 * {@code /projects/:id/packages/generic/:package/:version/:file}, header {@code JOB-TOKEN}).
 */
final class GitLabStateServer implements AutoCloseable {
    static final String PROJECT = "42";
    private static final Pattern STATE = Pattern.compile("/api/v4/projects/" + PROJECT + "/terraform/state/([^/]+)(/lock)?");
    private static final Pattern PACKAGE = Pattern.compile("/api/v4/projects/" + PROJECT + "/packages/generic/([^/]+)/([^/]+)/([^/]+)");

    private final HttpServer server;
    private final String jobToken;
    private final Map<String, byte[]> states = new ConcurrentHashMap<>();
    private final Map<String, String> locks = new ConcurrentHashMap<>();
    private final Map<String, byte[]> packages = new ConcurrentHashMap<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile byte[] forgedPackage;

    GitLabStateServer(String jobToken) throws IOException {
        this.jobToken = jobToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code CI_API_V4_URL} for the jobs. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4";
    }

    Optional<String> state(String name) {
        return Optional.ofNullable(states.get(name)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    void putState(String name, String json) {
        states.put(name, json.getBytes(StandardCharsets.UTF_8));
    }

    Map<String, byte[]> packages() {
        return Map.copyOf(packages);
    }

    /** "METHOD path" of every request, in order. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** From now on every package download answers {@code plan} (a plan uploaded for other files). */
    void serveForAnyPackage(byte[] plan) {
        forgedPackage = plan;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            requests.add(method + " " + path);
            byte[] body = ex.getRequestBody().readAllBytes();
            Matcher state = STATE.matcher(path);
            Matcher pkg = PACKAGE.matcher(path);
            if (state.matches()) {
                if (!basicAuthorized(ex)) {
                    answer(ex, 401, "{\"message\":\"401 Unauthorized\"}");
                } else if (state.group(2) != null) {
                    lock(ex, state.group(1), method, body);
                } else {
                    state(ex, state.group(1), method, body);
                }
            } else if (pkg.matches()) {
                if (!jobToken.equals(ex.getRequestHeaders().getFirst("JOB-TOKEN"))) {
                    answer(ex, 401, "{\"message\":\"401 Unauthorized\"}");
                    return;
                }
                String key = pkg.group(1) + "/" + pkg.group(2) + "/" + pkg.group(3);
                if (method.equals("PUT")) {
                    packages.put(key, body);
                    answer(ex, 201, "{\"message\":\"201 Created\"}");
                } else if (method.equals("GET")) {
                    byte[] stored = forgedPackage != null ? forgedPackage : packages.get(key);
                    if (stored == null) {
                        answer(ex, 404, "{\"message\":\"404 Package Not Found\"}");
                    } else {
                        answer(ex, 200, stored);
                    }
                } else {
                    answer(ex, 405, "{}");
                }
            } else {
                answer(ex, 404, "{\"message\":\"404 Not Found\"}");
            }
        }
    }

    private boolean basicAuthorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(("gitlab-ci-token:" + jobToken)
                .getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private void state(HttpExchange ex, String name, String method, byte[] body) throws IOException {
        switch (method) {
            case "GET" -> {
                byte[] s = states.get(name);
                if (s == null) {
                    answer(ex, 204, new byte[0]);
                } else {
                    answer(ex, 200, s);
                }
            }
            case "POST" -> {
                String held = locks.get(name);
                String query = Optional.ofNullable(ex.getRequestURI().getQuery()).orElse("");
                if (held != null && !query.contains("ID=" + held)) {
                    answer(ex, 409, "{\"message\":\"state is locked by another client\"}");
                    return;
                }
                states.put(name, body);
                answer(ex, 200, "{}");
            }
            case "DELETE" -> {
                states.remove(name);
                answer(ex, 200, "{}");
            }
            default -> answer(ex, 405, "{}");
        }
    }

    private void lock(HttpExchange ex, String name, String method, byte[] body) throws IOException {
        String info = new String(body, StandardCharsets.UTF_8);
        Matcher id = Pattern.compile("\"ID\"\\s*:\\s*\"([^\"]+)\"").matcher(info);
        String lockId = id.find() ? id.group(1) : "";
        switch (method) {
            case "POST", "LOCK" -> {
                if (locks.putIfAbsent(name, lockId) != null) {
                    answer(ex, 409, info);
                } else {
                    answer(ex, 200, "{}");
                }
            }
            case "DELETE", "UNLOCK" -> {
                locks.remove(name);
                answer(ex, 200, "{}");
            }
            default -> answer(ex, 405, "{}");
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        answer(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (status == 204) {
            ex.sendResponseHeaders(204, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }

    boolean locked(String name) {
        return locks.containsKey(name);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
