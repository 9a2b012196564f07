package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.sandbox.ClusterHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * State shared by every resource handler: the world's resources, the cluster host, the running
 * operations and the response mode (asynchronous with operation headers, or synchronous).
 * Handlers run one request at a time, so nothing here needs locking.
 */
final class ArmContext {

  /** How long a client should wait between polls; the Azure SDK honours whole seconds. */
  static final String RETRY_AFTER_SECONDS = "1";

  private final World world;
  private final ResourceStore store;
  private final ClusterHost clusterHost;
  private final boolean synchronous;
  private final Duration operationDuration;
  private final Clock clock;
  private final Map<String, LongRunningOperation> operations = new LinkedHashMap<>();
  private final Map<String, LongRunningOperation> pendingByResource = new LinkedHashMap<>();

  ArmContext(
      World world,
      ClusterHost clusterHost,
      boolean synchronous,
      Duration operationDuration,
      Clock clock) {
    this.world = world;
    this.store = new ResourceStore(world);
    this.clusterHost = clusterHost;
    this.synchronous = synchronous;
    this.operationDuration = operationDuration;
    this.clock = clock;
  }

  ResourceStore store() {
    return store;
  }

  ClusterHost clusterHost() {
    return clusterHost;
  }

  String subscriptionId() {
    return world.subscriptionId();
  }

  String tenantId() {
    return world.tenantId();
  }

  Instant now() {
    return clock.instant();
  }

  void requireSubscription(String subscriptionId) {
    if (!subscriptionId.equalsIgnoreCase(world.subscriptionId())) {
      throw new ArmException(
          404, "SubscriptionNotFound",
          "The subscription '" + subscriptionId + "' could not be found.");
    }
  }

  String resourceGroupId(String name) {
    return "/subscriptions/" + world.subscriptionId() + "/resourceGroups/" + name;
  }

  /** Returns the resource group, or ARM's 404 {@code ResourceGroupNotFound}. */
  ObjectNode requireResourceGroup(String name) {
    return store
        .get(resourceGroupId(name))
        .orElseThrow(
            () ->
                new ArmException(
                    404, "ResourceGroupNotFound",
                    "Resource group '" + name + "' could not be found."));
  }

  /** Returns ARM's 404 {@code ResourceNotFound} for a resource of {@code type}. */
  static ArmException resourceNotFound(String type, String name, String resourceGroup) {
    return new ArmException(
        404,
        "ResourceNotFound",
        "The Resource '" + type + "/" + name + "' under resource group '" + resourceGroup
            + "' was not found. For more details please go to"
            + " https://aka.ms/ARMResourceNotFoundFix");
  }

  /**
   * Rejects a change to a resource that has an operation still running, as ARM resource
   * providers respond with 409 {@code OperationNotAllowed}.
   */
  void requireNoOperationInProgress(String resourceId, String name) {
    LongRunningOperation pending = pendingByResource.get(key(resourceId));
    if (pending != null && !pending.isDone()) {
      throw new ArmException(
          409, "OperationNotAllowed",
          "Operation is not allowed because there's an in progress operation on '" + name
              + "'. Please wait for it to finish (operation id " + pending.id() + ").");
    }
  }

  /**
   * Responds to a create or update. Synchronous mode completes at once and returns 200 with the
   * terminal resource; asynchronous mode returns 201 (created) or 200 with the resource in its
   * transitional state and an {@code Azure-AsyncOperation} header, and completes on a poll.
   */
  ArmResponse acceptWrite(
      ArmRequest request,
      boolean created,
      String resourceId,
      String providerNamespace,
      String location,
      LongRunningOperation.Completion completion,
      Consumer<ArmException> onFailure,
      Supplier<ObjectNode> view) {
    LongRunningOperation operation =
        startOperation(request, resourceId, providerNamespace, location, completion, onFailure);
    if (synchronous) {
      completeNow(operation);
      return ArmResponse.of(200, view.get());
    }
    store.save();
    return ArmResponse.of(created ? 201 : 200, view.get())
        .withHeader("Azure-AsyncOperation", statusUrl(request, operation))
        .withHeader("Retry-After", RETRY_AFTER_SECONDS);
  }

  /**
   * Responds to a delete. Synchronous mode completes at once and returns {@code syncStatus};
   * asynchronous mode returns 202 with {@code Location} and {@code Azure-AsyncOperation}.
   */
  ArmResponse acceptDelete(
      ArmRequest request,
      String resourceId,
      String providerNamespace,
      String location,
      int syncStatus,
      LongRunningOperation.Completion completion,
      Consumer<ArmException> onFailure) {
    LongRunningOperation operation =
        startOperation(request, resourceId, providerNamespace, location, completion, onFailure);
    if (synchronous) {
      completeNow(operation);
      return ArmResponse.empty(syncStatus);
    }
    store.save();
    return ArmResponse.empty(202)
        .withHeader("Location", resultUrl(request, operation))
        .withHeader("Azure-AsyncOperation", statusUrl(request, operation))
        .withHeader("Retry-After", RETRY_AFTER_SECONDS);
  }

  /**
   * Completes an operation within the request, as synchronous mode does. A failed operation
   * becomes the error response.
   */
  private void completeNow(LongRunningOperation operation) {
    operation.complete(now());
    store.save();
    if (operation.error().isPresent()) {
      throw operation.error().get();
    }
  }

  private LongRunningOperation startOperation(
      ArmRequest request,
      String resourceId,
      String providerNamespace,
      String location,
      LongRunningOperation.Completion completion,
      Consumer<ArmException> onFailure) {
    Instant start = now();
    LongRunningOperation operation =
        new LongRunningOperation(
            UUID.randomUUID().toString(),
            providerNamespace,
            location,
            start,
            start.plus(operationDuration),
            completion,
            onFailure,
            request.injectedFailure());
    operations.put(operation.id(), operation);
    pendingByResource.put(key(resourceId), operation);
    return operation;
  }

  /** Responds to a poll of an {@code Azure-AsyncOperation} URL. */
  ArmResponse operationStatus(String operationId) {
    LongRunningOperation operation = requireOperation(operationId);
    operation.advance(now());
    store.save();
    ArmResponse response = ArmResponse.of(200, operation.statusBody());
    return operation.isDone() ? response : response.withHeader("Retry-After", RETRY_AFTER_SECONDS);
  }

  /** Responds to a poll of a {@code Location} URL: 202 while running, then 200 or the error. */
  ArmResponse operationResult(ArmRequest request, String operationId) {
    LongRunningOperation operation = requireOperation(operationId);
    operation.advance(now());
    store.save();
    if (!operation.isDone()) {
      return ArmResponse.empty(202)
          .withHeader("Location", resultUrl(request, operation))
          .withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    if (operation.error().isPresent()) {
      ArmException error = operation.error().get();
      return ArmResponse.of(error.status(), ArmErrors.body(error));
    }
    return ArmResponse.empty(200);
  }

  /**
   * Starts the Kubernetes API of every stored cluster, so kubeconfigs issued in an earlier run
   * work as soon as the sandbox serves again.
   */
  void startStoredClusters() {
    for (ObjectNode cluster : store.ofType(ManagedClusters.TYPE)) {
      if (!TrackedResources.provisioningState(cluster).equals("Deleting")) {
        clusterHost.start(
            cluster.path("id").asText(),
            cluster.path("name").asText(),
            cluster.path("properties").path("currentKubernetesVersion").asText());
      }
    }
  }

  /**
   * Returns the user kubeconfig of every stored cluster, keyed by
   * {@code <resource group>/<cluster name>}.
   */
  Map<String, String> kubeconfigs() {
    Map<String, String> kubeconfigs = new LinkedHashMap<>();
    for (ObjectNode cluster : store.ofType(ManagedClusters.TYPE)) {
      String id = cluster.path("id").asText();
      String group = id.split("/")[4];
      String name = cluster.path("name").asText();
      String kubeconfig =
          clusterHost.start(
              id, name, cluster.path("properties").path("currentKubernetesVersion").asText())
              .kubeconfig();
      kubeconfigs.put(group + "/" + name, kubeconfig);
    }
    return kubeconfigs;
  }

  /**
   * Deletes the kubeconfig file {@code sandbox serve} wrote for a cluster, so a deleted cluster
   * leaves no credentials for a dead API server behind.
   */
  void deleteKubeconfigFile(String clusterId) {
    String[] segments = clusterId.split("/");
    Path file = world.kubeconfigFile(segments[4], segments[segments.length - 1]);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + file, e);
    }
  }

  /** Completes every running operation; called before the world is saved at shutdown. */
  void completeAll() {
    for (LongRunningOperation operation : operations.values()) {
      operation.complete(now());
    }
    store.save();
  }

  private LongRunningOperation requireOperation(String operationId) {
    LongRunningOperation operation = operations.get(operationId);
    if (operation == null) {
      throw new ArmException(
          404, "OperationNotFound",
          "The operation '" + operationId + "' could not be found. Operations are kept only"
              + " while the sandbox that started them runs.");
    }
    return operation;
  }

  private String statusUrl(ArmRequest request, LongRunningOperation operation) {
    return request.baseUrl() + "/subscriptions/" + world.subscriptionId() + "/providers/"
        + operation.providerNamespace() + "/locations/" + operation.location() + "/operations/"
        + operation.id() + "?api-version=" + request.apiVersion().orElse("");
  }

  private String resultUrl(ArmRequest request, LongRunningOperation operation) {
    return request.baseUrl() + "/subscriptions/" + world.subscriptionId() + "/providers/"
        + operation.providerNamespace() + "/locations/" + operation.location()
        + "/operationresults/" + operation.id() + "?api-version="
        + request.apiVersion().orElse("");
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }
}
