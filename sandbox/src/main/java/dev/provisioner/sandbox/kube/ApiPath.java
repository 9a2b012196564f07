package dev.provisioner.sandbox.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request path of the Kubernetes REST API split into its parts: {@code
 * /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]} for the core group and {@code
 * /apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]} for the others.
 *
 * @param group API group, empty for the core group
 * @param version API version
 * @param namespace namespace, empty for cluster-scoped paths
 * @param resource plural resource name
 * @param name object name, empty for collection paths
 * @param subresource subresource such as {@code status}, or empty
 * @param query decoded query parameters (the last value wins)
 */
record ApiPath(
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource,
    Map<String, String> query) {

  ApiPath {
    query = Map.copyOf(query);
  }

  /** Parses a resource path; empty for discovery paths and paths outside the resource API. */
  static Optional<ApiPath> parse(String pathAndQuery) {
    int queryStart = pathAndQuery.indexOf('?');
    String path = queryStart < 0 ? pathAndQuery : pathAndQuery.substring(0, queryStart);
    Map<String, String> query =
        queryStart < 0 ? Map.of() : parseQuery(pathAndQuery.substring(queryStart + 1));
    String[] segments = path.replaceAll("^/+|/+$", "").split("/");
    int index;
    String group;
    String version;
    if (segments.length >= 3 && segments[0].equals("api")) {
      group = "";
      version = segments[1];
      index = 2;
    } else if (segments.length >= 4 && segments[0].equals("apis")) {
      group = segments[1];
      version = segments[2];
      index = 3;
    } else {
      return Optional.empty();
    }
    String namespace = "";
    // "namespaces/NAME" selects a namespace only when a resource follows: "/api/v1/namespaces/x"
    // is the Namespace object x, and ".../namespaces/x/status" and ".../finalize" its subresources.
    boolean namespaceSubresource =
        segments.length == index + 3
            && (segments[index + 2].equals("status") || segments[index + 2].equals("finalize"));
    if (segments.length >= index + 3
        && segments[index].equals("namespaces")
        && !namespaceSubresource) {
      namespace = segments[index + 1];
      index += 2;
    }
    String resource = segments[index];
    String name = segments.length > index + 1 ? segments[index + 1] : "";
    String subresource = segments.length > index + 2 ? segments[index + 2] : "";
    if (segments.length > index + 3) {
      return Optional.empty();
    }
    return Optional.of(new ApiPath(group, version, namespace, resource, name, subresource, query));
  }

  boolean isNamed() {
    return !name.isEmpty();
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * Returns the collection path of this resource in {@code inNamespace} (empty for cluster scope).
   */
  String collectionPath(String inNamespace) {
    return ApiPath.collectionPath(group, version, inNamespace, resource);
  }

  /** Returns the path of the object this path names, without subresource or query. */
  String objectPath() {
    return collectionPath(namespace) + "/" + name;
  }

  String queryParameter(String key) {
    return query.getOrDefault(key, "");
  }

  static String collectionPath(String group, String version, String namespace, String resource) {
    StringBuilder path =
        new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
    if (!namespace.isEmpty()) {
      path.append("/namespaces/").append(namespace);
    }
    return path.append('/').append(resource).toString();
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
