package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns manifest objects into {@link DesiredObject}s: kinds resolved, defaults and owner set. */
public final class DesiredObjects {

  /**
   * Annotation naming the stack resource that owns an object, as {@code <stack>/<address>}. Prune
   * and delete leave alone objects whose annotation names another resource.
   */
  public static final String OWNER_ANNOTATION = "provisioner.dev/owner";

  /** Namespace of namespaced objects that name none, as kubectl's default context has it. */
  static final String DEFAULT_NAMESPACE = "default";

  private static final String[] SERVER_SET_METADATA = {
    "creationTimestamp", "resourceVersion", "uid", "generation", "managedFields", "selfLink"
  };

  private DesiredObjects() {}

  /**
   * Prepares {@code objects} for applying. A later object with the identity of an earlier one
   * replaces it in place, as a second {@code kubectl apply} of the same object would.
   *
   * @param owner value of the owner annotation
   * @param resolver finds each object's kind
   * @param clusterKnown whether the cluster can be contacted. When it can, a kind that nothing
   *     resolves is an error, else it is left to be resolved at apply time
   * @throws ProviderException when a kind is unknown to a reachable cluster
   */
  static List<DesiredObject> prepare(
      List<ObjectNode> objects, String owner, KindResolver resolver, boolean clusterKnown) {
    Map<ObjectId, DesiredObject> prepared = new LinkedHashMap<>();
    for (ObjectNode object : objects) {
      DesiredObject desired = prepareOne(object, owner, resolver, clusterKnown);
      prepared.put(desired.id(), desired);
    }
    return new ArrayList<>(prepared.values());
  }

  private static DesiredObject prepareOne(
      ObjectNode object, String owner, KindResolver resolver, boolean clusterKnown) {
    String apiVersion = object.path("apiVersion").asText();
    String kindName = object.path("kind").asText();
    Optional<KindResolver.Resolution> resolution = resolver.resolve(apiVersion, kindName);
    ObjectNode body = object.deepCopy();
    ObjectNode metadata = body.with("metadata");
    // YAML "annotations:" with nothing after it parses as null; the API treats it as absent.
    if (!metadata.path("annotations").isObject()) {
      metadata.remove("annotations");
    }
    String name = metadata.path("name").asText();
    if (resolution.isEmpty() && clusterKnown) {
      throw new ProviderException(
          "KindNotFound",
          kindName
              + " "
              + name
              + ": the cluster does not serve kind "
              + kindName
              + " of "
              + apiVersion
              + ", and no CRD in this resource or in a resource planned before it defines it;"
              + " add the CRD, or dependsOn the resource that installs it");
    }
    body.remove("status");
    for (String field : SERVER_SET_METADATA) {
      metadata.remove(field);
    }
    boolean namespaced =
        resolution.map(r -> r.kind().namespaced()).orElse(metadata.hasNonNull("namespace"));
    if (namespaced && metadata.path("namespace").asText("").isEmpty()) {
      metadata.put("namespace", DEFAULT_NAMESPACE);
    }
    if (!namespaced) {
      metadata.remove("namespace");
    }
    metadata.with("annotations").put(OWNER_ANNOTATION, owner);
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    ObjectId id = new ObjectId(group, kindName, metadata.path("namespace").asText(""), name);
    boolean servedNow = resolution.map(KindResolver.Resolution::servedNow).orElse(false);
    return new DesiredObject(
        id,
        apiVersion,
        resolution.map(KindResolver.Resolution::kind),
        body,
        ObjectDigest.of(body),
        servedNow);
  }

  /** Returns the owner annotation of a live object, or empty when it has none. */
  static String ownerOf(JsonNode live) {
    return live.path("metadata").path("annotations").path(OWNER_ANNOTATION).asText("");
  }
}
