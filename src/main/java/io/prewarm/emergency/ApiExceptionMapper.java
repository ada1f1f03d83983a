package io.prewarm.emergency;

import io.prewarm.gitops.GitOpsException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** Errors as JSON: {@code {"error": "...", "field": "..."}}; nothing else (no stack, no secret) leaves. */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return body(e.status(), e.getMessage(), e.field().orElse(null));
    }

    @ServerExceptionMapper
    public Response completion(CompletionException e) {
        return of(e.getCause() == null ? e : e.getCause());
    }

    @ServerExceptionMapper
    public Response git(GitOpsException e) {
        return of(e);
    }

    /** The answer for any failure of an action. */
    static Response of(Throwable e) {
        if (e instanceof CompletionException && e.getCause() != null) {
            return of(e.getCause());
        }
        if (e instanceof ApiException a) {
            return body(a.status(), a.getMessage(), a.field().orElse(null));
        }
        if (e instanceof io.prewarm.gitops.UnsafePathException) { // retrying cannot help: the repository must be fixed
            Log.errorf("emergency action refused: %s", e.getMessage());
            return body(500, "refusing the action, nothing was applied: " + e.getMessage(), null);
        }
        Log.errorf("emergency action failed: %s", e.getMessage());
        return body(503, "writing the action to the repository failed, nothing was applied; retry: " + e.getMessage(), null);
    }

    static Response body(int status, String message, String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        if (field != null) {
            m.put("field", field);
        }
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON).entity(m);
        if (status == 429) {
            b.header("Retry-After", "1");
        } else if (status == 503) {
            b.header("Retry-After", "5");
        }
        return b.build();
    }
}
