package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * One authenticated ARM request, after the server has read its body.
 *
 * @param method HTTP method in upper case
 * @param path request path, percent-decoded, without query
 * @param query decoded query parameters (the first value of each)
 * @param body the JSON body, or a missing node when the request had none
 * @param baseUrl scheme, host and port of the endpoint, for building operation URLs
 * @param injectedFailure an error an injected fault makes the request's operation end with
 */
public record ArmRequest(
    String method,
    String path,
    Map<String, String> query,
    JsonNode body,
    String baseUrl,
    Optional<ArmException> injectedFailure) {

  public ArmRequest {
    query = Map.copyOf(query);
  }

  /** Returns the {@code api-version} query parameter, if sent. */
  public Optional<String> apiVersion() {
    return Optional.ofNullable(query.get("api-version"));
  }
}
