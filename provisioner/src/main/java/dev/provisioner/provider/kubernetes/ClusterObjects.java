package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few object calls the providers make, on Jackson trees: list per kind and namespace,
 * server-side apply, create, get and delete. fabric8 works on its own Jackson version, so objects
 * cross over as JSON text.
 */
public final class ClusterObjects {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterConnection connection;

  /** Creates the calls for one connection. */
  public ClusterObjects(ClusterConnection connection) {
    this.connection = connection;
  }

  /** Returns the connection the calls go through. */
  public ClusterConnection connection() {
    return connection;
  }

  /**
   * Lists the objects of {@code kind} in {@code namespace} (empty for cluster-scoped kinds) with
   * one request. A kind the cluster no longer serves lists as empty.
   */
  public List<ObjectNode> list(ResourceKind kind, String namespace) {
    GenericKubernetesResourceList list;
    try {
      list = scoped(kind, namespace).list();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw KubernetesErrors.wrap(
          "listing " + kind.plural() + inNamespace(namespace) + " on " + connection.name(), e);
    }
    List<ObjectNode> items = new ArrayList<>();
    for (GenericKubernetesResource item : list.getItems()) {
      items.add(toTree(item));
    }
    return items;
  }

  /** Returns the object, or empty when it does not exist. */
  public Optional<ObjectNode> get(ResourceKind kind, String namespace, String name) {
    try {
      GenericKubernetesResource found = scoped(kind, namespace).withName(name).get();
      return found == null ? Optional.empty() : Optional.of(toTree(found));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw KubernetesErrors.wrap("reading " + describe(kind, namespace, name), e);
    }
  }

  /**
   * Applies {@code body} with server-side apply as field manager
   * {@value ManagedFields#MANAGER} and returns the object the API server stored.
   *
   * @param force whether to take over fields that another manager owns instead of failing with
   *     a conflict
   */
  public ObjectNode apply(ResourceKind kind, ObjectNode body, boolean force) {
    String namespace = body.path("metadata").path("namespace").asText("");
    String name = body.path("metadata").path("name").asText();
    GenericKubernetesResource resource = toResource(body);
    connection.forgetLists();
    try {
      ServerSideApplicable<GenericKubernetesResource> apply =
          scoped(kind, namespace).resource(resource).fieldManager(ManagedFields.MANAGER);
      if (force) {
        apply = apply.forceConflicts();
      }
      return toTree(apply.serverSideApply());
    } catch (KubernetesClientException e) {
      String hint =
          e.getCode() == 409 && !force
              ? " (another field manager owns these fields; set force: true to take them over)"
              : "";
      throw withHint(KubernetesErrors.wrap("applying " + describe(kind, namespace, name), e), hint);
    }
  }

  /** Creates {@code body}, which may use {@code metadata.generateName}, and returns it. */
  public ObjectNode create(ResourceKind kind, ObjectNode body) {
    String namespace = body.path("metadata").path("namespace").asText("");
    GenericKubernetesResource resource = toResource(body);
    connection.forgetLists();
    try {
      return toTree(scoped(kind, namespace).resource(resource).create());
    } catch (KubernetesClientException e) {
      String name = body.path("metadata").path("name").asText("");
      if (name.isEmpty()) {
        name = body.path("metadata").path("generateName").asText() + "*";
      }
      throw KubernetesErrors.wrap("creating " + describe(kind, namespace, name), e);
    }
  }

  /** Deletes the object in the background; a missing object is not an error. */
  public void delete(ResourceKind kind, String namespace, String name) {
    connection.forgetLists();
    try {
      scoped(kind, namespace)
          .withName(name)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw KubernetesErrors.wrap("deleting " + describe(kind, namespace, name), e);
      }
    }
  }

  /** Returns {@code Kind.group/namespace/name} for messages. */
  static String describe(ResourceKind kind, String namespace, String name) {
    return new ObjectId(kind.group(), kind.kind(), namespace, name).key();
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      scoped(ResourceKind kind, String namespace) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        operation = connection.client().genericKubernetesResources(kind.context());
    return kind.namespaced() ? operation.inNamespace(namespace) : operation;
  }

  private GenericKubernetesResource toResource(ObjectNode body) {
    return connection
        .client()
        .getKubernetesSerialization()
        .unmarshal(write(body), GenericKubernetesResource.class);
  }

  private ObjectNode toTree(GenericKubernetesResource resource) {
    String json = connection.client().getKubernetesSerialization().asJson(resource);
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("the client returned an object that is not JSON", e);
    }
  }

  private static String write(JsonNode body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String inNamespace(String namespace) {
    return namespace.isEmpty() ? "" : " in namespace " + namespace;
  }

  private static dev.provisioner.provider.ProviderException withHint(
      dev.provisioner.provider.ProviderException error, String hint) {
    if (hint.isEmpty()) {
      return error;
    }
    return new dev.provisioner.provider.ProviderException(
        error.code(), error.getMessage() + hint, error.getCause());
  }
}
