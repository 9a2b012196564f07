package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.sandbox.ClusterEndpoint;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox cluster's Kubernetes API server: HTTPS on 127.0.0.1 with a cluster CA, a bearer token
 * it checks, fabric8's mock server in CRUD mode as the object store, the API behaviour {@link
 * ApiRequestDispatcher} adds, and controllers that play the cluster's part.
 *
 * <p>Started with a folder, it keeps its port, CA, token and objects there: objects are saved
 * within about a second of each change and on {@link #close()}, and a later start from the same
 * folder serves them again on the same port, so a kubeconfig issued earlier still works. Started
 * without a folder, it lives in memory on an ephemeral port, which suits tests.
 */
public final class ClusterApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterApiServer.class);
  private static final String CREDENTIALS_FILE = "credentials.json";
  private static final String OBJECTS_FILE = "objects.json";
  private static final List<String> WEBSOCKET_SUBPROTOCOLS =
      List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");

  private final String clusterName;
  private final Optional<Path> folder;
  private final ClusterCredentials credentials;
  private final ApiRequestDispatcher api;
  private final ClusterObjects objects;
  private final ClusterControllers controllers;
  private final Vertx vertx;
  private final WatchStreams watches;
  private final HttpServer httpServer;
  private final ScheduledExecutorService saver;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ClusterApiServer(
      String clusterName,
      Optional<Path> folder,
      ClusterCredentials stored,
      String kubernetesVersion) {
    this.clusterName = clusterName;
    this.folder = folder;
    this.api = new ApiRequestDispatcher(stored.token(), kubernetesVersion);
    this.objects = new ClusterObjects(api);
    folder.ifPresent(path -> ClusterSnapshot.load(api, path.resolve(OBJECTS_FILE)));
    this.controllers = new ClusterControllers(objects);
    api.addListener((resource, path, object, previous) -> dirty.set(true));
    api.addListener(
        (resource, path, object, previous) -> controllers.changed(resource, path, object));

    this.vertx = Vertx.vertx();
    this.watches = new WatchStreams(api, vertx);
    api.addListener(watches);
    this.httpServer = listenOnSavedOrNewPort(vertx, api, watches, stored, clusterName);
    this.credentials = stored.withPort(httpServer.actualPort());
    folder.ifPresent(path -> writeCredentials(path, credentials));
    this.saver =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "cluster-saver-" + clusterName);
              thread.setDaemon(true);
              return thread;
            });
    if (folder.isPresent()) {
      saver.scheduleWithFixedDelay(this::saveIfChanged, 1, 1, TimeUnit.SECONDS);
    }
    controllers.start();
    createSystemNamespaces();
    log.info("Cluster {} serves its Kubernetes API at {}", clusterName, serverUrl());
  }

  /** Starts an in-memory cluster API on an ephemeral port with new credentials. */
  public static ClusterApiServer start(String clusterName, String kubernetesVersion) {
    return new ClusterApiServer(
        clusterName, Optional.empty(), ClusterCredentials.generate(clusterName), kubernetesVersion);
  }

  /**
   * Starts the cluster API kept in {@code folder}: with the port, credentials and objects saved
   * there by an earlier run, or with new ones when the folder contains none yet.
   *
   * <p>When another process has taken the saved port meanwhile, the server takes a new one. Then
   * kubeconfigs issued before no longer reach it, so clients must fetch fresh credentials.
   */
  public static ClusterApiServer start(Path folder, String clusterName, String kubernetesVersion) {
    Objects.requireNonNull(folder, "folder");
    ClusterCredentials credentials =
        readCredentials(folder).orElseGet(() -> ClusterCredentials.generate(clusterName));
    return new ClusterApiServer(clusterName, Optional.of(folder), credentials, kubernetesVersion);
  }

  /** Returns the API server URL, {@code https://127.0.0.1:PORT}. */
  public String serverUrl() {
    return "https://127.0.0.1:" + credentials.port();
  }

  public int port() {
    return credentials.port();
  }

  /** Returns the PEM of the cluster CA that signed the serving certificate. */
  public String caCertificatePem() {
    return credentials.tls().caCertificatePem();
  }

  /** Returns a kubeconfig (YAML) with the server, its CA and the bearer token. It is secret. */
  public String kubeconfig() {
    return Kubeconfig.render(clusterName, serverUrl(), credentials);
  }

  public ClusterEndpoint endpoint() {
    return new ClusterEndpoint(serverUrl(), kubeconfig());
  }

  /** Direct access to the stored objects, past authentication, for the sandbox's own use. */
  ClusterObjects objects() {
    return objects;
  }

  /**
   * Returns the client requests served since start or the last {@link #clearRequestLog()}, each as
   * {@code METHOD path?query}, oldest first, up to the latest 100,000. Requests the sandbox makes
   * itself are not included, and neither are rejected ones nor watches over plain HTTP.
   */
  public List<String> requestLog() {
    return api.requestLog();
  }

  /** Forgets the requests logged so far, for example before measuring one refresh. */
  public void clearRequestLog() {
    api.clearRequestLog();
  }

  /** Changes the version {@code /version} reports, as an upgrade of the control plane does. */
  public void setKubernetesVersion(String kubernetesVersion) {
    api.setKubernetesVersion(kubernetesVersion);
  }

  /** Waits until the controllers have handled every change made so far. */
  public void awaitControllers() {
    controllers.awaitIdle();
  }

  /** Saves the objects now when the server has a folder. */
  public void save() {
    folder.ifPresent(
        path -> {
          dirty.set(false);
          ClusterSnapshot.save(api, path.resolve(OBJECTS_FILE));
        });
  }

  /** Saves the objects (when the server has a folder) and stops the server and its controllers. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    saver.shutdownNow();
    controllers.close();
    watches.closeAll();
    try {
      save();
    } finally {
      // Clients keep idle connections open; a graceful shutdown would wait for them to go.
      await(
          httpServer.shutdown(java.time.Duration.ZERO),
          "stopping the API server of cluster " + clusterName);
      await(vertx.close(), "stopping the API server of cluster " + clusterName);
    }
  }

  /** Creates the namespaces every cluster starts with, when absent. */
  private void createSystemNamespaces() {
    for (String namespace : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      String path = "/api/v1/namespaces/" + namespace;
      if (objects.get(path).isEmpty()) {
        ObjectNode object = Json.object();
        object.put("apiVersion", "v1");
        object.put("kind", "Namespace");
        object.putObject("metadata").put("name", namespace);
        objects.apply(path, object, "kube-apiserver");
      }
    }
  }

  private void saveIfChanged() {
    if (dirty.get()) {
      try {
        save();
      } catch (RuntimeException e) {
        log.warn("Saving the objects of cluster {} failed; retrying in a second", clusterName, e);
        dirty.set(true);
      }
    }
  }

  private static HttpServer listenOnSavedOrNewPort(
      Vertx vertx,
      ApiRequestDispatcher api,
      WatchStreams watches,
      ClusterCredentials credentials,
      String clusterName) {
    try {
      return listen(vertx, api, watches, credentials);
    } catch (IllegalStateException e) {
      if (credentials.port() == 0) {
        vertx.close();
        throw e;
      }
      log.warn(
          "Port {} of cluster {} is taken ({}); serving on a new port, so earlier kubeconfigs stop"
              + " working",
          credentials.port(),
          clusterName,
          e.getMessage());
    }
    try {
      return listen(vertx, api, watches, credentials.withPort(0));
    } catch (IllegalStateException e) {
      vertx.close();
      throw e;
    }
  }

  private static HttpServer listen(
      Vertx vertx, ApiRequestDispatcher api, WatchStreams watches, ClusterCredentials credentials) {
    TlsMaterial tls = credentials.tls();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost("127.0.0.1")
            .setPort(credentials.port())
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setKeyValue(Buffer.buffer(tls.serverKeyPem()))
                    .setCertValue(
                        Buffer.buffer(tls.serverCertificatePem() + tls.caCertificatePem())))
            .setWebSocketSubProtocols(WEBSOCKET_SUBPROTOCOLS)
            .setHandle100ContinueAutomatically(true);
    HttpServer server = vertx.createHttpServer(options);
    HttpServerRequestHandler mockHandler =
        new HttpServerRequestHandler(vertx) {
          @Override
          protected MockResponse onHttpRequest(RecordedRequest request) {
            return api.dispatch(request);
          }
        };
    server.requestHandler(
        request -> {
          if (WatchStreams.isHttpWatch(request)
              && api.isAuthorized(request.getHeader("Authorization"))) {
            Optional<ApiPath> path = ApiPath.parse(request.uri());
            Optional<ResourceInfo> resource =
                path.flatMap(
                    parsed ->
                        api.catalog().find(parsed.group(), parsed.version(), parsed.resource()));
            if (resource.isPresent()) {
              watches.open(request, path.get(), resource.get());
              return;
            }
          }
          mockHandler.handle(request);
        });
    try {
      return await(server.listen(), "listening on 127.0.0.1:" + credentials.port());
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "cannot serve the cluster API on 127.0.0.1:"
              + credentials.port()
              + " (is another process using the port or this world folder?)",
          e);
    }
  }

  private static Optional<ClusterCredentials> readCredentials(Path folder) {
    Path file = folder.resolve(CREDENTIALS_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.of(
          new ClusterCredentials(
              node.path("port").asInt(),
              node.path("token").asText(),
              new TlsMaterial(
                  node.path("caCertificatePem").asText(),
                  node.path("serverCertificatePem").asText(),
                  node.path("serverKeyPem").asText())));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the cluster credentials from " + file, e);
    }
  }

  private static void writeCredentials(Path folder, ClusterCredentials credentials) {
    ObjectNode node = Json.object();
    node.put("port", credentials.port());
    node.put("token", credentials.token());
    node.put("caCertificatePem", credentials.tls().caCertificatePem());
    node.put("serverCertificatePem", credentials.tls().serverCertificatePem());
    node.put("serverKeyPem", credentials.tls().serverKeyPem());
    Path file = folder.resolve(CREDENTIALS_FILE);
    try {
      PrivateFiles.write(file, Json.write(node));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the cluster credentials to " + file, e);
    }
  }

  private static <T> T await(Future<T> future, String step) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(step + " was interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(step + " failed: " + e.getMessage(), e);
    }
  }
}
