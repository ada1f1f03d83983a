package io.prewarm.emergency;

import com.fasterxml.jackson.databind.JsonNode;

import io.prewarm.pipeline.EmergencyEvents;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The emergency endpoints. Thin: guard, validate, map to an {@link Action}, delegate to
 * {@link EmergencyService}, which does the blocking Git work on its writer thread; nothing here blocks
 * the event loop. The JSON contract is in docs/emergency.md.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EmergencyResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final EmergencyService service;
    private final Guard guard;

    public EmergencyResource(EmergencyService service, Guard guard) {
        this.service = service;
        this.guard = guard;
    }

    @POST
    @Path("/emergency/scale-up")
    public Uni<Response> scaleUp(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return act(EmergencyEvents.Endpoint.SCALE_UP, EmergencyEvents.Action.SCALE_UP, () -> {
            Caller caller = guard.authenticate(request, headers, body, true);
            Action a = Requests.scaleUp(body, caller, Requests.idempotencyKey(headers.getHeaderString(IDEMPOTENCY_KEY),
                    caller), guard.config()).from(Requests.digest("POST", "/v1/emergency/scale-up", body), caller);
            caller.require("scale-up", a.key());
            return a;
        });
    }

    @POST
    @Path("/emergency/freeze")
    public Uni<Response> freeze(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return act(EmergencyEvents.Endpoint.FREEZE, EmergencyEvents.Action.FREEZE, () -> {
            Caller caller = guard.authenticate(request, headers, body, true);
            Action a = Requests.freeze(body, caller, Requests.idempotencyKey(headers.getHeaderString(IDEMPOTENCY_KEY),
                    caller), guard.config()).from(Requests.digest("POST", "/v1/emergency/freeze", body), caller);
            caller.require("freeze", a.key());
            return a;
        });
    }

    @DELETE
    @Path("/emergency/freeze/{environment}/{service}")
    public Uni<Response> unfreeze(@PathParam("environment") String environment, @PathParam("service") String svc,
                                  byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return act(EmergencyEvents.Endpoint.UNFREEZE, EmergencyEvents.Action.UNFREEZE, () -> {
            Caller caller = guard.authenticate(request, headers, body, Requests.names(body, environment, svc));
            Action a = Requests.unfreeze(environment, svc, body, caller,
                    Requests.idempotencyKey(headers.getHeaderString(IDEMPOTENCY_KEY), caller))
                    .from(Requests.digest("DELETE", "/v1/emergency/freeze/" + environment + "/" + svc, body), caller);
            caller.require("unfreeze", a.key());
            return a;
        });
    }

    @GET
    @Path("/emergency")
    public Response active(@Context HttpServerRequest request) {
        try {
            guard.admit(request);
            return Response.ok(Map.of("active", service.active())).build();
        } catch (ApiException e) {
            return ApiExceptionMapper.of(e);
        }
    }

    @POST
    @Path("/alertmanager")
    public Uni<Response> alertmanager(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        try {
            Caller caller = guard.authenticate(request, headers, body, false);
            caller.require("alertmanager", null);
            JsonNode n = Requests.parse(body);
            service.refuseReplay(caller);
            if (!"4".equals(n.path("version").asText())) {
                throw ApiException.invalid("version", "must be \"4\" (Alertmanager webhook payload version 4)");
            }
            JsonNode alerts = n.path("alerts");
            if (!alerts.isArray() || alerts.size() > 1000) {
                throw ApiException.invalid("alerts", "must be an array of at most 1000 alerts");
            }
            List<AlertMapper.Alert> parsed = new ArrayList<>();
            for (int i = 0; i < alerts.size(); i++) {
                parsed.add(AlertMapper.alert(alerts.get(i), i));
            }
            for (AlertMapper.Alert alert : parsed) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("fingerprint", alert.fingerprint());
                item.put("status", alert.status());
                items.add(item);
                try {
                    AlertMapper.Mapped m = guard.alerts().map(alert, caller, service::actionIdFor);
                    if (m.action().isEmpty()) {
                        item.put("outcome", "ignored");
                        item.put("message", m.note());
                        continue;
                    }
                    Action a = m.action().get().from(Optional.empty(), caller);
                    caller.require(a.kind() == Action.Kind.END_SCALE_UP ? "scale-up" : a.kind().id(), a.key());
                    EmergencyService.Submitted s = service.submit(a);
                    s.answer().whenComplete((ok, err) -> {
                        if (err == null) {
                            EventReporter.answered(EmergencyEvents.Endpoint.ALERTMANAGER, a, ok, s.replayed(), service);
                        } else {
                            EventReporter.failed(EmergencyEvents.Endpoint.ALERTMANAGER, EventReporter.action(a),
                                    err instanceof CompletionException && err.getCause() != null ? err.getCause() : err);
                        }
                    });
                    item.put("outcome", s.replayed() ? "replayed" : "acted");
                    pending.add(s.answer().handle((ok, err) -> {
                        if (err == null) {
                            item.put("answer", ok);
                            return null;
                        }
                        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                        if (!(cause instanceof ApiException api)) {
                            throw new CompletionException(cause);
                        }
                        item.put("outcome", "rejected");
                        item.put("message", api.getMessage());
                        return null;
                    }));
                } catch (ApiException e) {
                    if (e.status() == 503) {
                        throw e;
                    }
                    item.put("outcome", "rejected");
                    item.put("message", e.getMessage());
                }
            }
        } catch (ApiException e) {
            EventReporter.failed(EmergencyEvents.Endpoint.ALERTMANAGER, EmergencyEvents.Action.NONE, e);
            return Uni.createFrom().item(ApiExceptionMapper.of(e));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        return Uni.createFrom().completionStage(all)
                .map(x -> Response.ok(Map.of("alerts", items)).build())
                .onFailure().recoverWithItem(ApiExceptionMapper::of);
    }

    /** Validates on the calling thread, then waits for the writer without blocking. */
    private Uni<Response> act(EmergencyEvents.Endpoint endpoint, EmergencyEvents.Action asked,
                              java.util.function.Supplier<Action> validate) {
        EmergencyService.Submitted s;
        Action action;
        try {
            action = validate.get();
            s = service.submit(action);
        } catch (ApiException e) {
            EventReporter.failed(endpoint, asked, e);
            return Uni.createFrom().item(ApiExceptionMapper.of(e));
        }
        s.answer().whenComplete((r, err) -> {
            if (err == null) {
                EventReporter.answered(endpoint, action, r, s.replayed(), service);
            } else {
                EventReporter.failed(endpoint, asked, err instanceof CompletionException && err.getCause() != null
                        ? err.getCause() : err);
            }
        });
        return Uni.createFrom().completionStage(s.answer())
                .map(r -> {
                    Response.ResponseBuilder b = Response.ok(r);
                    if (s.replayed()) {
                        b.header(REPLAYED, "true");
                    }
                    return b.build();
                })
                .onFailure().recoverWithItem(ApiExceptionMapper::of);
    }

    static Optional<String> header(HttpHeaders h, String name) {
        return Optional.ofNullable(h.getHeaderString(name));
    }
}
