package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal OpenAPI v3 endpoint: the {@code /openapi/v3} index and, per group version, the write
 * operations of each resource with their {@code x-kubernetes-group-version-kind} and the {@code
 * fieldValidation} query parameter. That is what kubectl reads to decide that the server validates
 * fields itself, so {@code kubectl apply} and {@code kubectl create} work.
 *
 * <p>NOTE: no schemas are served, so client-side strategic merge (plain {@code kubectl apply} on an
 * existing object) cannot look up patch strategies; {@code kubectl apply --server-side} works.
 */
final class OpenApiDocuments {

  private final ResourceCatalog catalog;

  OpenApiDocuments(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  Optional<String> document(String path) {
    if (path.equals("/openapi/v3")) {
      return Optional.of(Json.write(index()));
    }
    if (path.startsWith("/openapi/v3/")) {
      String groupVersion = path.substring("/openapi/v3/".length());
      return groupVersionDocument(groupVersion).map(Json::write);
    }
    return Optional.empty();
  }

  private ObjectNode index() {
    ObjectNode index = Json.object();
    ObjectNode paths = index.putObject("paths");
    for (Map.Entry<String, List<String>> group : catalog.groupVersions().entrySet()) {
      for (String version : group.getValue()) {
        String key =
            group.getKey().isEmpty() ? "api/" + version : "apis/" + group.getKey() + "/" + version;
        paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key);
      }
    }
    return index;
  }

  private Optional<ObjectNode> groupVersionDocument(String groupVersion) {
    String[] parts = groupVersion.split("/");
    String group;
    String version;
    if (parts.length == 2 && parts[0].equals("api")) {
      group = "";
      version = parts[1];
    } else if (parts.length == 3 && parts[0].equals("apis")) {
      group = parts[1];
      version = parts[2];
    } else {
      return Optional.empty();
    }
    List<ResourceInfo> resources =
        catalog.all().stream()
            .filter(info -> info.group().equals(group) && info.version().equals(version))
            .toList();
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode document = Json.object();
    document.put("openapi", "3.0.0");
    ObjectNode info = document.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", "v1.30.5");
    ObjectNode paths = document.putObject("paths");
    for (ResourceInfo resource : resources) {
      String collection =
          ApiPath.collectionPath(
              group, version, resource.namespaced() ? "{namespace}" : "", resource.plural());
      ObjectNode item = paths.putObject(collection + "/{name}");
      item.set("patch", operation(resource, "patch"));
      item.set("put", operation(resource, "replace"));
      paths.putObject(collection).set("post", operation(resource, "create"));
    }
    return Optional.of(document);
  }

  private static ObjectNode operation(ResourceInfo resource, String verb) {
    ObjectNode operation = Json.object();
    operation.put("operationId", verb + resource.kind());
    ObjectNode kind = operation.putObject("x-kubernetes-group-version-kind");
    kind.put("group", resource.group());
    kind.put("version", resource.version());
    kind.put("kind", resource.kind());
    ArrayNode parameters = operation.putArray("parameters");
    for (String name : new String[] {"dryRun", "fieldManager", "fieldValidation", "force"}) {
      ObjectNode parameter = parameters.addObject();
      parameter.put("name", name);
      parameter.put("in", "query");
      parameter.putObject("schema").put("type", "string");
    }
    operation.putObject("responses").putObject("200").put("description", "OK");
    return operation;
  }
}
