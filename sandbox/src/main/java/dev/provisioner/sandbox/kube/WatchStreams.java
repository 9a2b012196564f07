package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches over plain HTTP, as client-go (kubectl) makes them: a chunked response with one JSON
 * watch event per line. fabric8's CRUD dispatcher serves watches only over WebSocket, which the
 * fabric8 client uses.
 *
 * <p>NOTE: label selectors support the equality forms ({@code a=b}, {@code a==b}, {@code a!=b}) and
 * existence ({@code a}, {@code !a}); set-based selectors ({@code a in (b)}) match nothing.
 */
final class WatchStreams implements ApiRequestDispatcher.ChangeListener {

  private static final Logger log = LoggerFactory.getLogger(WatchStreams.class);

  private final ApiRequestDispatcher api;
  private final Vertx vertx;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

  WatchStreams(ApiRequestDispatcher api, Vertx vertx) {
    this.api = api;
    this.vertx = vertx;
  }

  /** Returns whether {@code request} is a watch over plain HTTP rather than a WebSocket upgrade. */
  static boolean isHttpWatch(HttpServerRequest request) {
    String watch = request.getParam("watch");
    String upgrade = request.getHeader("Upgrade");
    return request.method() == io.vertx.core.http.HttpMethod.GET
        && ("true".equals(watch) || "1".equals(watch))
        && (upgrade == null || !upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket"));
  }

  /** Starts streaming the events of {@code path} to {@code request}'s response. */
  void open(HttpServerRequest request, ApiPath path, ResourceInfo resource) {
    HttpServerResponse response = request.response();
    response.setChunked(true);
    response.putHeader("Content-Type", "application/json");
    response.setStatusCode(200);
    // Clients wait for the headers before reading events, so send them before any event exists.
    response.writeHead();
    Watch watch = new Watch(resource, path, response);
    long sinceVersion = parseLong(path.queryParameter("resourceVersion"));

    // Listing and registering under the write lock means no change falls between the two.
    api.writeLock().lock();
    try {
      for (ObjectNode object : api.list(path.collectionPath(path.namespace()))) {
        long version = parseLong(object.path("metadata").path("resourceVersion").asText());
        if (watch.matches(object) && version > sinceVersion) {
          watch.send("ADDED", object);
        }
      }
      watches.add(watch);
    } finally {
      api.writeLock().unlock();
    }
    response.closeHandler(ignored -> watches.remove(watch));
    long timeoutSeconds = parseLong(path.queryParameter("timeoutSeconds"));
    if (timeoutSeconds > 0) {
      vertx.setTimer(timeoutSeconds * 1000, timer -> watch.end());
    }
  }

  @Override
  public void changed(
      ResourceInfo resource, String objectPath, JsonNode object, JsonNode previous) {
    for (Watch watch : watches) {
      if (!watch.isFor(resource)) {
        continue;
      }
      if (object == null) {
        if (previous != null && watch.matches(previous)) {
          watch.send("DELETED", previous);
        }
      } else if (watch.matches(object)) {
        watch.send(previous == null ? "ADDED" : "MODIFIED", object);
      } else if (previous != null && watch.matches(previous)) {
        // The object left the selection, which a watcher receives as its deletion.
        watch.send("DELETED", object);
      }
    }
  }

  /** Ends every open watch, as the API server does when it stops. */
  void closeAll() {
    watches.forEach(Watch::end);
  }

  private static long parseLong(String text) {
    try {
      return text.isEmpty() ? 0 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** One open watch and its filters. */
  private final class Watch {
    private final ResourceInfo resource;
    private final String namespace;
    private final String name;
    private final List<String[]> labelRequirements;
    private final HttpServerResponse response;

    Watch(ResourceInfo resource, ApiPath path, HttpServerResponse response) {
      this.resource = resource;
      this.namespace = path.namespace();
      this.response = response;
      String fieldSelector = path.queryParameter("fieldSelector");
      this.name =
          fieldSelector.startsWith("metadata.name=")
              ? fieldSelector.substring("metadata.name=".length())
              : path.name();
      this.labelRequirements = parseLabelSelector(path.queryParameter("labelSelector"));
    }

    boolean isFor(ResourceInfo changed) {
      return changed.group().equals(resource.group())
          && changed.version().equals(resource.version())
          && changed.plural().equals(resource.plural());
    }

    boolean matches(JsonNode object) {
      JsonNode metadata = object.path("metadata");
      if (!namespace.isEmpty() && !metadata.path("namespace").asText().equals(namespace)) {
        return false;
      }
      if (!name.isEmpty() && !metadata.path("name").asText().equals(name)) {
        return false;
      }
      JsonNode labels = metadata.path("labels");
      for (String[] requirement : labelRequirements) {
        String key = requirement[0];
        String operator = requirement[1];
        boolean present = labels.has(key);
        String value = labels.path(key).asText();
        boolean satisfied =
            switch (operator) {
              case "=" -> present && value.equals(requirement[2]);
              case "!=" -> !present || !value.equals(requirement[2]);
              case "exists" -> present;
              case "!exists" -> !present;
              default -> false;
            };
        if (!satisfied) {
          return false;
        }
      }
      return true;
    }

    void send(String type, JsonNode object) {
      ObjectNode event = Json.object();
      event.put("type", type);
      event.set("object", object);
      try {
        response.write(Buffer.buffer(Json.write(event) + "\n"));
      } catch (IllegalStateException e) {
        log.debug("Watch of {} closed while sending an event", resource.plural(), e);
        watches.remove(this);
      }
    }

    void end() {
      watches.remove(this);
      try {
        response.end();
      } catch (IllegalStateException e) {
        log.debug("Watch of {} was already closed", resource.plural(), e);
      }
    }

    private static List<String[]> parseLabelSelector(String selector) {
      List<String[]> requirements = new ArrayList<>();
      for (String part : selector.split(",")) {
        String requirement = part.trim();
        if (requirement.isEmpty()) {
          continue;
        }
        if (requirement.contains("!=")) {
          String[] sides = requirement.split("!=", 2);
          requirements.add(new String[] {sides[0].trim(), "!=", sides[1].trim()});
        } else if (requirement.contains("=")) {
          String[] sides = requirement.split("==?", 2);
          requirements.add(new String[] {sides[0].trim(), "=", sides[1].trim()});
        } else if (requirement.startsWith("!")) {
          requirements.add(new String[] {requirement.substring(1).trim(), "!exists", ""});
        } else if (requirement.matches("[A-Za-z0-9./_-]+")) {
          requirements.add(new String[] {requirement, "exists", ""});
        } else {
          requirements.add(new String[] {requirement, "unsupported", ""});
        }
      }
      return requirements;
    }
  }
}
