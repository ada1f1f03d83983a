package io.prewarm.gitops.gitlab;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The merge request endpoints of GitLab's REST API v4. Bodies are JSON text and answers are raw
 * {@link Response}s, so the adapter decides what every status means (the default exception mapper is off).
 * The project is passed already URL-encoded ({@code group%2Fgitops}).
 */
@Path("/projects/{project}/merge_requests")
@Produces(MediaType.APPLICATION_JSON)
public interface GitLabApi extends AutoCloseable {

    @GET
    Response list(@PathParam("project") @Encoded String project, @QueryParam("state") String state,
                  @QueryParam("source_branch") String sourceBranch, @QueryParam("target_branch") String targetBranch,
                  @QueryParam("per_page") int perPage, @QueryParam("page") int page);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response create(@PathParam("project") @Encoded String project, String json);

    @PUT
    @Path("/{iid}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response update(@PathParam("project") @Encoded String project, @PathParam("iid") long iid, String json);

    @POST
    @Path("/{iid}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    Response note(@PathParam("project") @Encoded String project, @PathParam("iid") long iid, String json);

    @Override
    void close();
}
