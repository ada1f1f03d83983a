package io.prewarm.metrics.prometheus;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The two Prometheus HTTP API endpoints prewarm uses, as a Quarkus REST client built at runtime (the base
 * URL comes from the command line). POST with a form body, because PromQL can exceed URL length limits.
 * Methods return the raw {@link Response}: status codes and bodies that are not JSON are classified by
 * {@link RestClientTransport}, not by exception mappers.
 */
@Path("/api/v1")
public interface PrometheusApi extends AutoCloseable {

    @POST
    @Path("/query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response queryRange(@FormParam("query") String query, @FormParam("start") String start,
                        @FormParam("end") String end, @FormParam("step") String step,
                        @FormParam("timeout") String timeout);

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response query(@FormParam("query") String query, @FormParam("timeout") String timeout);

    @Override
    void close();
}
