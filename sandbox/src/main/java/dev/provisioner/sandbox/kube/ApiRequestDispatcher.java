package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's Kubernetes API: checks the bearer token, serves discovery, and handles every
 * resource request on top of fabric8's CRUD dispatcher, which stores the objects and runs watches.
 * This layer adds what kube-apiserver does and the CRUD dispatcher does not: 404 for resources the
 * cluster does not serve and for namespaces that do not exist, server-side apply with
 * managedFields, strategic merge patch, status kept on writes to the main resource, {@code dryRun},
 * typed list kinds and cascading deletion.
 *
 * <p>Every write takes one lock, so read-modify-write steps (apply, patch) are atomic with respect
 * to each other and to the cluster's controllers.
 */
final class ApiRequestDispatcher extends Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(ApiRequestDispatcher.class);

  /** Paths the default {@code system:public-info-viewer} role opens to anonymous clients. */
  private static final Set<String> PUBLIC_PATHS =
      Set.of("/version", "/healthz", "/livez", "/readyz");

  private static final String APPLY_PATCH = "application/apply-patch+yaml";
  private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final int REQUEST_LOG_SIZE = 100_000;
  private static final Set<String> SCALABLE = Set.of("deployments", "statefulsets", "replicasets");
  private static final String NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /**
   * Receives every stored change: {@code object} is null after a deletion, {@code previous} is null
   * after a creation. It is called with the write lock held, so it must not block.
   */
  interface ChangeListener {
    void changed(ResourceInfo resource, String objectPath, JsonNode object, JsonNode previous);
  }

  private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
  private final ResourceCatalog catalog = new ResourceCatalog();
  private final Discovery discovery;
  private final OpenApiDocuments openApi = new OpenApiDocuments(catalog);
  private final byte[] token;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * The latest client requests, at most {@link #REQUEST_LOG_SIZE}, so a long-lived server stays
   * small.
   */
  private final java.util.ArrayDeque<String> requestLog = new java.util.ArrayDeque<>();

  ApiRequestDispatcher(String token, String kubernetesVersion) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.discovery = new Discovery(catalog, kubernetesVersion);
  }

  /**
   * Returns the authenticated client requests so far as {@code METHOD path?query}, oldest first.
   */
  List<String> requestLog() {
    synchronized (requestLog) {
      return List.copyOf(requestLog);
    }
  }

  void clearRequestLog() {
    synchronized (requestLog) {
      requestLog.clear();
    }
  }

  void addListener(ChangeListener listener) {
    listeners.add(listener);
  }

  void setKubernetesVersion(String kubernetesVersion) {
    discovery.setKubernetesVersion(kubernetesVersion);
  }

  ResourceCatalog catalog() {
    return catalog;
  }

  KubernetesCrudDispatcher crud() {
    return crud;
  }

  ReentrantLock writeLock() {
    return writeLock;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (!PUBLIC_PATHS.contains(pathOnly) && !isAuthorized(request.getHeader("Authorization"))) {
      log.debug("{} {} rejected: missing or wrong bearer token", request.getMethod(), pathOnly);
      return ApiStatus.unauthorized();
    }
    synchronized (requestLog) {
      if (requestLog.size() == REQUEST_LOG_SIZE) {
        requestLog.removeFirst();
      }
      requestLog.addLast(request.getMethod() + " " + path);
    }
    String body = request.getBody() == null ? "" : request.getBody().readUtf8();
    MockResponse response =
        handle(
            request.method(),
            path,
            request.getHeader("Content-Type"),
            request.getHeader("User-Agent"),
            body,
            request.getHeader("Accept"));
    log.debug("{} {} -> {}", request.getMethod(), path, response.code());
    return response;
  }

  /** Handles one request without the token check; the cluster's own controllers call this. */
  MockResponse handle(
      HttpMethod method, String path, String contentType, String userAgent, String body) {
    return handle(method, path, contentType, userAgent, body, null);
  }

  private MockResponse handle(
      HttpMethod method,
      String path,
      String contentType,
      String userAgent,
      String body,
      String accept) {
    try {
      return route(method, path, contentType == null ? "" : contentType, userAgent, body, accept);
    } catch (BadRequest e) {
      return e.response;
    } catch (RuntimeException e) {
      log.warn("{} {} failed", method, path, e);
      return ApiStatus.failure(500, "InternalError", "Internal error occurred: " + e.getMessage());
    }
  }

  private MockResponse route(
      HttpMethod method,
      String path,
      String contentType,
      String userAgent,
      String body,
      String accept) {
    String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (method == HttpMethod.GET) {
      if (Set.of("/healthz", "/livez", "/readyz").contains(pathOnly)) {
        return new MockResponse().setResponseCode(200).setBody("ok");
      }
      Optional<String> document = discovery.document(pathOnly).or(() -> openApi.document(pathOnly));
      if (document.isPresent()) {
        return ApiStatus.json(200, document.get());
      }
    }
    Optional<ApiPath> parsed = ApiPath.parse(path);
    if (parsed.isEmpty()) {
      return ApiStatus.noSuchResource();
    }
    ApiPath apiPath = parsed.get();
    Optional<ResourceInfo> found =
        catalog.find(apiPath.group(), apiPath.version(), apiPath.resource());
    if (found.isEmpty() || !hasValidScope(found.get(), apiPath)) {
      return ApiStatus.noSuchResource();
    }
    ResourceInfo resource = found.get();
    String manager = fieldManager(apiPath, userAgent);
    if (apiPath.subresource().equals("scale")) {
      boolean scalable = resource.group().equals("apps") && SCALABLE.contains(resource.plural());
      if (!scalable) {
        return ApiStatus.noSuchResource();
      }
      return locked(() -> scale(method, apiPath, resource, contentType, body, manager));
    }
    switch (method) {
      case GET:
        return get(apiPath, resource, path, accept);
      case POST:
        return locked(() -> create(apiPath, resource, parseObject(body), manager));
      case PUT:
        return locked(() -> update(apiPath, resource, parseObject(body), manager));
      case PATCH:
        return locked(() -> patch(apiPath, resource, contentType, body, manager));
      case DELETE:
        return locked(() -> delete(apiPath, resource, isOrphaning(apiPath, body)));
      default:
        return ApiStatus.failure(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource");
    }
  }

  private static boolean hasValidScope(ResourceInfo resource, ApiPath path) {
    if (!resource.namespaced()) {
      return path.namespace().isEmpty();
    }
    // A namespaced object is addressed inside its namespace; only lists and watches may span all.
    return !path.isNamed() || !path.namespace().isEmpty();
  }

  private MockResponse get(ApiPath path, ResourceInfo resource, String fullPath, String accept) {
    MockResponse response = crud.handleGet(fullPath);
    if (response.code() == 404 && path.isNamed()) {
      return ApiStatus.notFound(resource.plural() + "." + resource.group(), path.name());
    }
    boolean isWatch = response.getWebSocketListener() != null;
    if (!isWatch && response.code() == 200 && TableView.isRequested(accept)) {
      JsonNode body = Json.parse(response.getBody().readUtf8());
      List<JsonNode> objects = new ArrayList<>();
      if (path.isNamed()) {
        objects.add(body);
      } else {
        body.path("items").forEach(objects::add);
      }
      JsonNode definition =
          resource.isCustom()
              ? current(
                  "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/"
                      + resource.plural()
                      + "."
                      + resource.group())
              : null;
      return ApiStatus.json(200, Json.write(TableView.render(objects, resource, definition)));
    }
    if (isWatch || path.isNamed() || response.code() != 200) {
      return withJsonType(response);
    }
    // The CRUD dispatcher returns every list as kind List; clients and kubectl expect e.g.
    // DeploymentList of apps/v1.
    ObjectNode list = (ObjectNode) Json.parse(response.getBody().readUtf8());
    list.put("apiVersion", resource.apiVersion());
    list.put("kind", resource.kind() + "List");
    ObjectNode metadata = Json.child(list, "metadata");
    metadata.remove("selfLink");
    return ApiStatus.json(200, Json.write(list));
  }

  private MockResponse create(
      ApiPath path, ResourceInfo resource, ObjectNode object, String manager) {
    if (path.isNamed()) {
      return ApiStatus.failure(
          405,
          "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
    }
    checkTypeMatches(object, resource);
    ObjectNode metadata = Json.child(object, "metadata");
    if (metadata.path("name").asText("").isEmpty()) {
      String generateName = metadata.path("generateName").asText("");
      if (generateName.isEmpty()) {
        throw new BadRequest(
            ApiStatus.invalid(
                resource.kind()
                    + " \"\" is invalid: metadata.name: Required value: name or generateName is"
                    + " required"));
      }
      metadata.put("name", generateName + randomSuffix());
    }
    if (resource.hasStatusSubresource()) {
      object.remove("status");
    }
    ApiPath target =
        new ApiPath(
            path.group(),
            path.version(),
            path.namespace(),
            path.resource(),
            metadata.path("name").asText(),
            "",
            path.query());
    FieldManager.recordUpdate(null, object, resource, manager, "");
    return store(target, resource, null, object, isDryRun(path));
  }

  private MockResponse update(
      ApiPath path, ResourceInfo resource, ObjectNode object, String manager) {
    ObjectNode live = current(path);
    if (live == null) {
      return ApiStatus.notFound(resource.plural() + "." + resource.group(), path.name());
    }
    checkTypeMatches(object, resource);
    if (path.subresource().equals("status")) {
      ObjectNode updated = live.deepCopy();
      if (object.has("status")) {
        updated.set("status", object.get("status"));
      } else {
        updated.remove("status");
      }
      return store(path, resource, live, updated, isDryRun(path));
    }
    if (!path.subresource().isEmpty()) {
      return ApiStatus.noSuchResource();
    }
    keepStatus(resource, live, object);
    FieldManager.recordUpdate(live, object, resource, manager, "");
    return store(path, resource, live, object, isDryRun(path));
  }

  private MockResponse patch(
      ApiPath path, ResourceInfo resource, String contentType, String body, String manager) {
    String mediaType = contentType.split(";")[0].trim();
    if (mediaType.equals(APPLY_PATCH)) {
      return apply(path, resource, body);
    }
    ObjectNode live = current(path);
    if (live == null) {
      return ApiStatus.notFound(resource.plural() + "." + resource.group(), path.name());
    }
    JsonNode patch = parse(body);
    ObjectNode patched;
    switch (mediaType) {
      case MERGE_PATCH:
        patched = (ObjectNode) Patches.mergePatch(live, patch);
        break;
      case STRATEGIC_MERGE_PATCH:
        if (resource.isCustom()) {
          return ApiStatus.failure(
              415,
              "UnsupportedMediaType",
              "the body of the request was in an unknown format - accepted media types include:"
                  + " application/json-patch+json, application/merge-patch+json,"
                  + " application/apply-patch+yaml");
        }
        patched = Patches.strategicMergePatch(live, patch, SchemaContext.root(resource));
        break;
      case JSON_PATCH:
        patched = JsonPatch.apply(live, patch);
        break;
      default:
        return ApiStatus.failure(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, "
                + "application/apply-patch+yaml, application/strategic-merge-patch+json");
    }
    if (path.subresource().equals("status")) {
      ObjectNode updated = live.deepCopy();
      updated.set("status", patched.path("status").deepCopy());
      return store(path, resource, live, updated, isDryRun(path));
    }
    keepStatus(resource, live, patched);
    FieldManager.recordUpdate(live, patched, resource, manager, "");
    return store(path, resource, live, patched, isDryRun(path));
  }

  /**
   * Serves the {@code scale} subresource as an {@code autoscaling/v1} Scale, which reads and writes
   * the object's {@code spec.replicas}.
   */
  private MockResponse scale(
      HttpMethod method,
      ApiPath path,
      ResourceInfo resource,
      String contentType,
      String body,
      String manager) {
    ObjectNode live = current(path);
    if (live == null) {
      return ApiStatus.notFound(resource.plural() + "." + resource.group(), path.name());
    }
    ObjectNode scale = Scales.of(live);
    if (method == HttpMethod.GET) {
      return ApiStatus.json(200, Json.write(scale));
    }
    JsonNode request = parse(body);
    JsonNode updatedScale;
    if (method == HttpMethod.PUT) {
      updatedScale = request;
    } else if (method == HttpMethod.PATCH && contentType.startsWith(JSON_PATCH)) {
      updatedScale = JsonPatch.apply(scale, request);
    } else if (method == HttpMethod.PATCH) {
      updatedScale = Patches.mergePatch(scale, request);
    } else {
      return ApiStatus.failure(
          405,
          "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
    }
    ObjectNode updated = live.deepCopy();
    Json.child(updated, "spec").set("replicas", updatedScale.path("spec").path("replicas"));
    FieldManager.recordUpdate(live, updated, resource, manager, "");
    ApiPath objectPath =
        new ApiPath(
            path.group(),
            path.version(),
            path.namespace(),
            path.resource(),
            path.name(),
            "",
            path.query());
    MockResponse stored = store(objectPath, resource, live, updated, isDryRun(path));
    if (stored.code() >= 300) {
      return stored;
    }
    return ApiStatus.json(
        200, Json.write(Scales.of((ObjectNode) Json.parse(stored.getBody().readUtf8()))));
  }

  private MockResponse apply(ApiPath path, ResourceInfo resource, String body) {
    String manager = path.queryParameter("fieldManager");
    if (manager.isEmpty()) {
      return ApiStatus.failure(
          422,
          "Invalid",
          "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for"
              + " apply patch");
    }
    ObjectNode config;
    try {
      JsonNode parsed = Json.parseYaml(body);
      if (!(parsed instanceof ObjectNode object)) {
        return ApiStatus.badRequest(
            "error decoding YAML: the applied configuration is not an object");
      }
      config = object;
    } catch (JsonProcessingException e) {
      return ApiStatus.badRequest("error decoding YAML: " + e.getOriginalMessage());
    }
    if (!config.path("apiVersion").asText().equals(resource.apiVersion())
        || !config.path("kind").asText().equals(resource.kind())) {
      return ApiStatus.badRequest(
          "the applied configuration must set apiVersion "
              + resource.apiVersion()
              + " and kind "
              + resource.kind()
              + " (got "
              + config.path("apiVersion").asText()
              + " "
              + config.path("kind").asText()
              + ")");
    }
    String name = config.path("metadata").path("name").asText("");
    if (!name.equals(path.name())) {
      return ApiStatus.badRequest(
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + path.name()
              + ")");
    }
    ObjectNode live = current(path);
    boolean force = path.queryParameter("force").equals("true");
    FieldManager.ApplyResult result = FieldManager.apply(live, config, resource, manager, force);
    if (result.isConflict()) {
      return ApiStatus.applyConflict(conflictMessage(result.conflicts()), result.conflicts());
    }
    ObjectNode object = result.object();
    if (live != null && object.equals(live)) {
      return ApiStatus.json(200, Json.write(live));
    }
    return store(path, resource, live, object, isDryRun(path));
  }

  private MockResponse delete(ApiPath path, ResourceInfo resource, boolean orphan) {
    if (!path.isNamed()) {
      List<ObjectNode> items = list(path.collectionPath(path.namespace()));
      for (ObjectNode item : items) {
        String name = item.path("metadata").path("name").asText();
        String namespace = item.path("metadata").path("namespace").asText("");
        deleteObject(
            ApiPath.collectionPath(path.group(), path.version(), namespace, path.resource())
                + "/"
                + name,
            resource,
            item,
            orphan);
      }
      ObjectNode list = Json.object();
      list.put("apiVersion", resource.apiVersion());
      list.put("kind", resource.kind() + "List");
      list.putObject("metadata");
      ArrayNode array = list.putArray("items");
      items.forEach(array::add);
      return ApiStatus.json(200, Json.write(list));
    }
    ObjectNode live = current(path);
    if (live == null) {
      return ApiStatus.notFound(resource.plural() + "." + resource.group(), path.name());
    }
    if (isDryRun(path)) {
      return ApiStatus.json(200, Json.write(live));
    }
    return deleteObject(path.objectPath(), resource, live, orphan);
  }

  /**
   * Returns whether a delete asks to orphan dependents, through the {@code propagationPolicy} query
   * parameter or the DeleteOptions body ({@code propagationPolicy} or the older {@code
   * orphanDependents}).
   */
  private static boolean isOrphaning(ApiPath path, String body) {
    if (path.queryParameter("propagationPolicy").equals("Orphan")) {
      return true;
    }
    if (body == null || body.isBlank()) {
      return false;
    }
    try {
      JsonNode options = Json.MAPPER.readTree(body);
      return options.path("propagationPolicy").asText("").equals("Orphan")
          || options.path("orphanDependents").asBoolean(false);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  MockResponse deleteObject(
      String objectPath, ResourceInfo resource, ObjectNode live, boolean orphan) {
    MockResponse response = crud.handleDelete(objectPath);
    if (response.code() != 200) {
      return withJsonType(response);
    }
    ObjectNode after = current(objectPath);
    notifyChange(resource, objectPath, after, live);
    if (after == null) {
      new Cascade(this).deleted(resource, live, orphan);
    }
    String body = after == null ? Json.write(live) : Json.write(after);
    return ApiStatus.json(200, body);
  }

  /**
   * Stores {@code object} at {@code path}: creates it when {@code live} is null, else replaces it.
   */
  private MockResponse store(
      ApiPath path, ResourceInfo resource, ObjectNode live, ObjectNode object, boolean dryRun) {
    ObjectNode metadata = Json.child(object, "metadata");
    if (resource.namespaced()) {
      String namespace = metadata.path("namespace").asText("");
      if (!namespace.isEmpty() && !namespace.equals(path.namespace())) {
        return ApiStatus.badRequest(
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");
      }
      metadata.put("namespace", path.namespace());
    } else {
      metadata.remove("namespace");
    }
    boolean isService = resource.group().isEmpty() && resource.kind().equals("Service");
    if (live == null) {
      if (resource.namespaced() && current("/api/v1/namespaces/" + path.namespace()) == null) {
        return ApiStatus.notFound("namespaces", path.namespace());
      }
      if (isService) {
        ServiceDefaults.onCreate(object);
      }
      if (dryRun) {
        metadata.put("uid", java.util.UUID.randomUUID().toString());
        metadata.put(
            "creationTimestamp",
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        metadata.put("generation", 1);
        return ApiStatus.json(201, Json.write(object));
      }
      MockResponse response =
          crud.handleCreate(
              request(HttpMethod.POST, path.collectionPath(path.namespace()), Json.write(object)));
      return afterWrite(path, resource, null, response, 201);
    }
    if (isService) {
      ServiceDefaults.keepAllocations(live, object);
    }
    if (dryRun) {
      return ApiStatus.json(200, Json.write(object));
    }
    // The CRUD store keeps a custom resource's status on main-path writes, so its status goes to
    // /status. Built-in objects are written whole, which also avoids the store reading
    // "/namespaces/x/status" as a resource named status.
    boolean statusPath = path.subresource().equals("status") && resource.isCustom();
    String target = statusPath ? path.objectPath() + "/status" : path.objectPath();
    MockResponse response = crud.handleUpdate(request(HttpMethod.PUT, target, Json.write(object)));
    return afterWrite(path, resource, live, response, 200);
  }

  private MockResponse afterWrite(
      ApiPath path, ResourceInfo resource, ObjectNode live, MockResponse response, int success) {
    if (response.code() >= 300) {
      return withJsonType(response);
    }
    String body = response.getBody().readUtf8();
    JsonNode stored = Json.parse(body);
    String objectPath =
        path.collectionPath(path.namespace()) + "/" + stored.path("metadata").path("name").asText();
    // The store keeps the resourceVersion when a write changes nothing, so no listener is notified.
    boolean changed =
        live == null
            || !live.path("metadata")
                .path("resourceVersion")
                .equals(stored.path("metadata").path("resourceVersion"));
    if (changed) {
      notifyChange(resource, objectPath, stored, live);
    }
    return ApiStatus.json(success, body);
  }

  private void notifyChange(
      ResourceInfo resource, String objectPath, JsonNode object, JsonNode previous) {
    if (resource.kind().equals("CustomResourceDefinition")
        && resource.group().equals("apiextensions.k8s.io")) {
      String name = objectPath.substring(objectPath.lastIndexOf('/') + 1);
      catalog.updateDefinition(name, object);
    }
    for (ChangeListener listener : listeners) {
      listener.changed(resource, objectPath, object, previous);
    }
  }

  ObjectNode current(ApiPath path) {
    return current(path.objectPath());
  }

  /** Returns the stored object at {@code objectPath}, or null. */
  ObjectNode current(String objectPath) {
    MockResponse response = crud.handleGet(objectPath);
    if (response.code() != 200 || response.getBody() == null) {
      return null;
    }
    JsonNode node = Json.parse(response.getBody().readUtf8());
    return node instanceof ObjectNode object && object.has("metadata") ? object : null;
  }

  /** Returns the stored objects under {@code collectionPath}. */
  List<ObjectNode> list(String collectionPath) {
    MockResponse response = crud.handleGet(collectionPath);
    List<ObjectNode> items = new ArrayList<>();
    if (response.code() != 200) {
      return items;
    }
    for (JsonNode item : Json.parse(response.getBody().readUtf8()).path("items")) {
      items.add((ObjectNode) item);
    }
    return items;
  }

  private static void keepStatus(ResourceInfo resource, ObjectNode live, ObjectNode object) {
    if (!resource.hasStatusSubresource()) {
      return;
    }
    if (live.has("status")) {
      object.set("status", live.get("status").deepCopy());
    } else {
      object.remove("status");
    }
  }

  private static void checkTypeMatches(ObjectNode object, ResourceInfo resource) {
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    if (apiVersion.isEmpty()) {
      object.put("apiVersion", resource.apiVersion());
    } else if (!apiVersion.equals(resource.apiVersion())) {
      throw new BadRequest(
          ApiStatus.badRequest(
              "the API version in the data ("
                  + apiVersion
                  + ") does not match the expected API version ("
                  + resource.apiVersion()
                  + ")"));
    }
    if (kind.isEmpty()) {
      object.put("kind", resource.kind());
    } else if (!kind.equals(resource.kind())) {
      throw new BadRequest(
          ApiStatus.badRequest(
              "the kind in the data ("
                  + kind
                  + ") does not match the expected kind ("
                  + resource.kind()
                  + ")"));
    }
  }

  private static String conflictMessage(List<ApplyConflict> conflicts) {
    if (conflicts.size() == 1) {
      ApplyConflict conflict = conflicts.get(0);
      return "Apply failed with 1 conflict: conflict with \""
          + conflict.manager()
          + "\""
          + conflict.usingSuffix()
          + ": "
          + conflict.field();
    }
    StringBuilder message =
        new StringBuilder("Apply failed with " + conflicts.size() + " conflicts:");
    String lastOwner = "";
    for (ApplyConflict conflict : conflicts) {
      String owner = "conflicts with \"" + conflict.manager() + "\"" + conflict.usingSuffix() + ":";
      if (!owner.equals(lastOwner)) {
        message.append(' ').append(owner);
        lastOwner = owner;
      }
      message.append("\n- ").append(conflict.field());
    }
    return message.toString();
  }

  private String fieldManager(ApiPath path, String userAgent) {
    String manager = path.queryParameter("fieldManager");
    if (!manager.isEmpty()) {
      return manager;
    }
    // Without fieldManager the API server names the manager after the User-Agent up to its
    // first slash, for example "kubectl" or "fabric8-kubernetes-client".
    String agent = userAgent == null ? "" : userAgent;
    int slash = agent.indexOf('/');
    String prefix = slash < 0 ? agent : agent.substring(0, slash);
    return prefix.isEmpty() ? "unknown" : prefix.length() > 128 ? prefix.substring(0, 128) : prefix;
  }

  private static boolean isDryRun(ApiPath path) {
    return path.queryParameter("dryRun").equals("All");
  }

  boolean isAuthorized(String authorization) {
    if (authorization == null) {
      return false;
    }
    return MessageDigest.isEqual(token, authorization.trim().getBytes(StandardCharsets.UTF_8));
  }

  private String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(NAME_SUFFIX_ALPHABET.charAt(random.nextInt(NAME_SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }

  private MockResponse locked(java.util.function.Supplier<MockResponse> write) {
    writeLock.lock();
    try {
      return write.get();
    } finally {
      writeLock.unlock();
    }
  }

  static RecordedRequest request(HttpMethod method, String path, String body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest(
        "HTTP/1.1", method, path, headers, new Buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static MockResponse withJsonType(MockResponse response) {
    if (response.header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest(ApiStatus.badRequest("error decoding JSON: " + e.getOriginalMessage()));
    }
  }

  private static ObjectNode parseObject(String body) {
    JsonNode node = parse(body);
    if (!(node instanceof ObjectNode object)) {
      throw new BadRequest(ApiStatus.badRequest("the request body is not a JSON object"));
    }
    return object;
  }

  /** Ends a request early with a prepared error response. */
  private static final class BadRequest extends RuntimeException {
    private final transient MockResponse response;

    BadRequest(MockResponse response) {
      super(null, null, false, false);
      this.response = response;
    }
  }
}
