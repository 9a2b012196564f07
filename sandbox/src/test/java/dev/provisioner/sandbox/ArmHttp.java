package dev.provisioner.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTPS calls to a sandbox's ARM endpoint, for checks the SDK would hide. */
final class ArmHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status, headers and the parsed body (missing when empty). */
  record Answer(int status, java.net.http.HttpHeaders headers, JsonNode body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String errorCode() {
      return body.path("error").path("code").asText();
    }
  }

  private final RunningSandbox sandbox;
  private final HttpClient client;
  private final String token;

  ArmHttp(RunningSandbox sandbox) throws Exception {
    this(sandbox, sandbox.token());
  }

  ArmHttp(RunningSandbox sandbox, String token) throws Exception {
    this.sandbox = sandbox;
    this.token = token;
    this.client =
        HttpClient.newBuilder().sslContext(SandboxClients.trusting(sandbox.certificatePem()))
            .build();
  }

  /** Returns {@code /subscriptions/{s}/resourceGroups/{group}}. */
  String group(String name) {
    return "/subscriptions/" + sandbox.subscriptionId() + "/resourceGroups/" + name;
  }

  String cluster(String group, String name) {
    return group(group) + "/providers/Microsoft.ContainerService/managedClusters/" + name;
  }

  Answer send(String method, String pathAndQuery, String body) throws Exception {
    String url =
        pathAndQuery.startsWith("https://")
            ? pathAndQuery
            : sandbox.armUrl() + pathAndQuery.substring(1);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode parsed =
        response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
    return new Answer(response.statusCode(), response.headers(), parsed);
  }

  Answer put(String path, String body) throws Exception {
    return send("PUT", path, body);
  }

  Answer get(String path) throws Exception {
    return send("GET", path, null);
  }
}
