package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An answer to an ARM request: status, headers and an optional JSON body.
 *
 * @param status HTTP status code
 * @param headers response headers such as {@code Azure-AsyncOperation} and {@code Retry-After}
 * @param body the JSON body, empty for 202/204 answers without one
 */
public record ArmResponse(int status, Map<String, String> headers, Optional<JsonNode> body) {

  public ArmResponse {
    headers = Map.copyOf(headers);
  }

  public static ArmResponse of(int status, JsonNode body) {
    return new ArmResponse(status, Map.of(), Optional.of(body));
  }

  public static ArmResponse empty(int status) {
    return new ArmResponse(status, Map.of(), Optional.empty());
  }

  /** Returns a copy with {@code name: value} added to the headers. */
  public ArmResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ArmResponse(status, copy, body);
  }
}
