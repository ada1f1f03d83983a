package io.prewarm.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Just enough of a Kubernetes API server for {@code kubectl apply --dry-run=client}: kubectl still asks the
 * server which kinds exist (discovery) and whether each object exists (always 404 here), even with
 * {@code --validate=false}. Serves the kinds of a cluster running the Prometheus Operator.
 */
final class FakeApiServer implements AutoCloseable {
    /** A served kind: its group/version, plural resource name and scope. */
    record Kind(String groupVersion, String kind, String plural, boolean namespaced) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("v1", "Namespace", "namespaces", false),
            new Kind("v1", "ServiceAccount", "serviceaccounts", true),
            new Kind("v1", "ConfigMap", "configmaps", true),
            new Kind("v1", "Secret", "secrets", true),
            new Kind("v1", "Service", "services", true),
            new Kind("apps/v1", "Deployment", "deployments", true),
            new Kind("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
            new Kind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true),
            new Kind("monitoring.coreos.com/v1", "ServiceMonitor", "servicemonitors", true));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    FakeApiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        ObjectNode body = discovery(path);
        int status = body == null ? 404 : 200;
        if (body == null) {
            body = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                    .put("reason", "NotFound").put("code", 404);
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static ObjectNode discovery(String path) {
        if (path.equals("/api")) {
            ObjectNode n = JSON.createObjectNode().put("kind", "APIVersions");
            n.putArray("versions").add("v1");
            return n;
        }
        if (path.equals("/apis")) {
            ObjectNode n = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = n.putArray("groups");
            Map<String, TreeSet<String>> byGroup = new LinkedHashMap<>();
            for (Kind k : KINDS) {
                if (k.groupVersion().contains("/")) {
                    byGroup.computeIfAbsent(k.groupVersion().split("/")[0], g -> new TreeSet<>()).add(k.groupVersion());
                }
            }
            byGroup.forEach((group, versions) -> {
                ObjectNode g = groups.addObject().put("name", group);
                ArrayNode vs = g.putArray("versions");
                for (String gv : versions) {
                    vs.addObject().put("groupVersion", gv).put("version", gv.split("/")[1]);
                }
                g.set("preferredVersion", vs.get(0));
            });
            return n;
        }
        String gv = path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") ? path.substring("/apis/".length()) : "";
        List<Kind> kinds = KINDS.stream().filter(k -> k.groupVersion().equals(gv)).toList();
        if (kinds.isEmpty()) {
            return null;
        }
        ObjectNode n = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", gv);
        ArrayNode resources = n.putArray("resources");
        for (Kind k : kinds) {
            ObjectNode r = resources.addObject().put("name", k.plural())
                    .put("singularName", k.kind().toLowerCase()).put("namespaced", k.namespaced()).put("kind", k.kind());
            r.putArray("verbs").add("get").add("list").add("create").add("patch").add("update").add("delete");
        }
        return n;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
