package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.provisioner.sandbox.FaultRule;
import dev.provisioner.sandbox.FaultRules;
import dev.provisioner.sandbox.SandboxException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener of the sandbox's ARM endpoint on 127.0.0.1 (Vert.x): checks the bearer
 * token, applies injected faults and latency, and hands each request to the {@link ArmApi} on
 * its handler thread.
 */
public final class ArmServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ArmServer.class);
  private static final String HOST = "127.0.0.1";

  private final ArmApi api;
  private final FaultRules faults;
  private final byte[] expectedAuthorization;
  private final Vertx vertx;

  /**
   * Runs the handlers one at a time off the Vert.x threads, because completing an operation may
   * start a cluster's Kubernetes API, which brings its own Vert.x instance.
   */
  private final ExecutorService handlers =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "sandbox-arm-handler");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong requestCount = new AtomicLong();
  private HttpServer server;
  private String baseUrl;

  private ArmServer(ArmApi api, FaultRules faults, String token) {
    this.api = api;
    this.faults = faults;
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
  }

  /**
   * Starts serving {@code api} on {@code preferredPort}, or on an ephemeral port when that one
   * is 0 or taken.
   *
   * @throws SandboxException when no port can be bound
   */
  public static ArmServer start(
      ArmApi api, FaultRules faults, String token, SelfSignedCertificate certificate,
      int preferredPort) {
    ArmServer server = new ArmServer(api, faults, token);
    try {
      server.listen(certificate, preferredPort);
    } catch (RuntimeException e) {
      if (preferredPort == 0) {
        server.close();
        throw e;
      }
      log.info("sandbox ARM port {} is not free ({}); using an ephemeral port",
          preferredPort, e.getMessage());
      server.listen(certificate, 0);
    }
    return server;
  }

  private void listen(SelfSignedCertificate certificate, int port) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(HOST)
            .setPort(port)
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .addCertValue(Buffer.buffer(certificate.certificatePem()))
                    .addKeyValue(Buffer.buffer(certificate.privateKeyPem())));
    try {
      server =
          vertx.createHttpServer(options)
              .requestHandler(this::onRequest)
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while starting the sandbox ARM endpoint", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new SandboxException(
          "cannot listen on " + HOST + ":" + port + " for the sandbox ARM endpoint: "
              + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    }
    baseUrl = "https://" + HOST + ":" + server.actualPort();
    log.info("sandbox ARM endpoint listening on {}", baseUrl);
  }

  public int port() {
    return server.actualPort();
  }

  /** Returns {@code https://127.0.0.1:<port>}. */
  public String baseUrl() {
    return baseUrl;
  }

  private void onRequest(HttpServerRequest request) {
    request
        .body()
        .onSuccess(body -> admit(request, body))
        .onFailure(error -> log.debug("sandbox ARM could not read a request body", error));
  }

  /** Returns how many requests the endpoint has received, rejected ones included. */
  public long requestCount() {
    return requestCount.get();
  }

  private void admit(HttpServerRequest request, Buffer body) {
    requestCount.incrementAndGet();
    String method = request.method().name();
    String path = decode(request.path());
    if (!isAuthorized(request.getHeader("Authorization"))) {
      log.debug("{} {} -> 401 (missing or wrong bearer token)", method, path);
      ArmException error =
          new ArmException(
              401,
              "AuthenticationFailed",
              "Authentication failed. The 'Authorization' header is missing or its bearer token"
                  + " is not the one this sandbox issued.");
      respond(request, ArmResponse.of(401, ArmErrors.body(error))
          .withHeader("WWW-Authenticate", "Bearer authorization_uri=\"" + baseUrl
              + "\", error=\"invalid_token\""));
      return;
    }
    Optional<FaultRule> fault = faults.take(method, path);
    long delay = fault.map(rule -> rule.delay().toMillis()).orElse(0L);
    if (delay > 0) {
      vertx.setTimer(delay, timer -> dispatch(request, method, path, body, fault));
    } else {
      dispatch(request, method, path, body, fault);
    }
  }

  private void dispatch(
      HttpServerRequest request, String method, String path, Buffer body,
      Optional<FaultRule> fault) {
    if (fault.isPresent() && fault.get().status() != 0) {
      respond(request, injectedStatus(fault.get()));
      return;
    }
    Optional<ArmException> failure =
        fault.filter(rule -> !rule.failOperationCode().isEmpty())
            .map(rule -> new ArmException(400, rule.failOperationCode(),
                rule.failOperationMessage()));
    ArmRequest armRequest;
    try {
      armRequest = new ArmRequest(method, path, query(request), parse(body), baseUrl, failure);
    } catch (ArmException e) {
      respond(request, ArmResponse.of(e.status(), ArmErrors.body(e)));
      return;
    }
    CompletableFuture.supplyAsync(() -> api.handle(armRequest), handlers)
        .whenComplete(
            (response, error) -> {
              if (error == null) {
                respond(request, response);
                return;
              }
              log.warn("sandbox ARM failed on {} {}", method, path, error);
              ArmException internal =
                  new ArmException(500, "InternalServerError", "The sandbox failed: " + error);
              respond(request, ArmResponse.of(500, ArmErrors.body(internal)));
            });
  }

  private static ArmResponse injectedStatus(FaultRule rule) {
    String code = rule.status() == 429 ? "TooManyRequests" : "InternalServerError";
    String message =
        rule.status() == 429
            ? "The request is being throttled (injected by the sandbox)."
            : "The server encountered an internal error (injected by the sandbox).";
    ArmResponse response =
        ArmResponse.of(
            rule.status(),
            ArmErrors.body(new ArmException(rule.status(), code, message)));
    return rule.retryAfterSeconds() > 0
        ? response.withHeader("Retry-After", Integer.toString(rule.retryAfterSeconds()))
        : response;
  }

  private boolean isAuthorized(String header) {
    if (header == null) {
      return false;
    }
    byte[] given = header.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(digest(given), digest(expectedAuthorization));
  }

  private static byte[] digest(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Map<String, String> query(HttpServerRequest request) {
    Map<String, String> query = new LinkedHashMap<>();
    request.params().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
    return query;
  }

  private static JsonNode parse(Buffer body) {
    if (body == null || body.length() == 0) {
      return MissingNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(body.getBytes());
    } catch (JsonProcessingException e) {
      throw new ArmException(
          400,
          "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: "
              + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ArmException(400, "InvalidRequestContent", "The request content was unreadable.");
    }
  }

  private void respond(HttpServerRequest request, ArmResponse response) {
    log.debug("{} {} -> {}", request.method(), request.path(), response.status());
    HttpServerResponse out = request.response().setStatusCode(response.status());
    String requestId = UUID.randomUUID().toString();
    out.putHeader("x-ms-request-id", requestId);
    out.putHeader("x-ms-correlation-request-id",
        Optional.ofNullable(request.getHeader("x-ms-client-request-id")).orElse(requestId));
    response.headers().forEach(out::putHeader);
    if (response.body().isEmpty() || request.method() == HttpMethod.HEAD) {
      out.end();
      return;
    }
    out.putHeader("Content-Type", "application/json; charset=utf-8");
    out.end(Buffer.buffer(response.body().get().toString()));
  }

  /** Decodes the path and collapses repeated slashes, which clients joining URLs may send. */
  private static String decode(String rawPath) {
    String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    return path.replaceAll("/{2,}", "/");
  }

  /** Stops listening and releases the Vert.x threads. */
  @Override
  public void close() {
    handlers.shutdown();
    try {
      handlers.awaitTermination(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("sandbox ARM endpoint did not stop cleanly", e);
    }
  }
}
