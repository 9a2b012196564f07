package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.Values;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's view of one cluster: a fabric8 client on the JDK HTTP transport, the kinds the cluster
 * serves (discovered once per API group version), and the kinds that resources planned earlier in
 * the run will install. Resources share it through {@link OperationContext#shared}, so a run
 * opens one client per cluster.
 */
public final class ClusterConnection implements AutoCloseable {

  private final String name;
  private final KubernetesClient client;
  private final RequestLog requestLog;
  private final Map<String, Optional<Map<String, ResourceKind>>> discovered =
      new ConcurrentHashMap<>();
  private final Map<String, ResourceKind> planned = new ConcurrentHashMap<>();
  private final Map<String, List<ObjectNode>> listed = new ConcurrentHashMap<>();

  private ClusterConnection(String name, Config config) {
    this.name = name;
    this.requestLog = new RequestLog(name);
    this.client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientFactory(new JdkHttpClientFactory())
            .withHttpClientBuilderConsumer(
                builder -> builder.addOrReplaceInterceptor("provisioner-request-log", requestLog))
            .build();
  }

  /**
   * Returns whether {@code cluster} can be connected to now: false while the referenced cluster's
   * credentials are still to be created, in which case a plan must not contact it.
   */
  public static boolean isKnown(JsonNode cluster) {
    return cluster == null || cluster.isNull() || !Values.containsUnknown(cluster);
  }

  /**
   * Returns the run's connection to the cluster that a {@code cluster} property names: the
   * kubeconfig text of a referenced {@code azure.aksCluster} when it has an {@code address}, else
   * the {@code kubeconfig} file and {@code context} of an object literal, else what fabric8
   * resolves from {@code KUBECONFIG}, {@code ~/.kube/config} or in-cluster configuration.
   *
   * @throws ProviderException when the kubeconfig is missing or cannot be read
   */
  public static ClusterConnection of(OperationContext context, JsonNode cluster) {
    if (cluster != null && cluster.hasNonNull("address")) {
      return fromReference(context, cluster);
    }
    String context0 = text(cluster, "context");
    String file = text(cluster, "kubeconfig");
    if (file != null) {
      Path path = resolvePath(context.settings().stackDirectory(), file);
      String key = "kubernetes:file:" + path + "#" + (context0 == null ? "" : context0);
      return context.shared(
          key,
          ClusterConnection.class,
          () -> new ClusterConnection(path.toString(), configFromFile(path, context0)));
    }
    String key = "kubernetes:default#" + (context0 == null ? "" : context0);
    return context.shared(
        key,
        ClusterConnection.class,
        () -> new ClusterConnection("default kubeconfig", Config.autoConfigure(context0)));
  }

  private static ClusterConnection fromReference(OperationContext context, JsonNode cluster) {
    String address = cluster.get("address").asText();
    JsonNode kubeconfig = cluster.get("kubeconfig");
    if (kubeconfig == null || !kubeconfig.isTextual() || kubeconfig.asText().isBlank()) {
      throw new ProviderException(
          "MissingKubeconfig",
          "cluster "
              + address
              + " has no kubeconfig attribute; refresh or apply it so that its credentials are"
              + " fetched");
    }
    String text = kubeconfig.asText();
    // The key carries a digest of the credentials, never the credentials themselves.
    String key = "kubernetes:" + address + "#" + Digests.sha256(text).substring(0, 16);
    return context.shared(
        key,
        ClusterConnection.class,
        () ->
            new ClusterConnection(
                address, configFromText(address, text, text(cluster, "context"))));
  }

  private static Config configFromText(String address, String text, String context) {
    try {
      return Config.fromKubeconfig(context, text, null);
    } catch (RuntimeException e) {
      // The exception text may quote the kubeconfig, so only its type is kept.
      throw new ProviderException(
          "InvalidKubeconfig",
          "the kubeconfig of cluster "
              + address
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private static Config configFromFile(Path path, String context) {
    if (!Files.isRegularFile(path)) {
      throw new ProviderException(
          "MissingKubeconfig",
          "kubeconfig file " + path + " does not exist; fix cluster.kubeconfig");
    }
    try {
      return Config.fromKubeconfig(context, path.toFile());
    } catch (RuntimeException e) {
      throw new ProviderException(
          "InvalidKubeconfig",
          "kubeconfig file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Path resolvePath(Path stackDirectory, String file) {
    if (file.equals("~") || file.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"))
          .resolve(file.substring(Math.min(2, file.length())))
          .normalize();
    }
    return stackDirectory.resolve(file).toAbsolutePath().normalize();
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.hasNonNull(field) || !node.get(field).isTextual()) {
      return null;
    }
    return node.get(field).asText();
  }

  /** Returns a name for the cluster fit for messages: an address or a file path, never secrets. */
  public String name() {
    return name;
  }

  /** Returns the fabric8 client. */
  public KubernetesClient client() {
    return client;
  }

  /** Returns how many HTTP requests this connection has sent so far. */
  public long requestCount() {
    return requestLog.count();
  }

  /**
   * Returns the list of {@code kind} in {@code namespace} that an earlier refresh of this run
   * made, or lists it now. Refreshes of several resources that own objects of one kind and
   * namespace then share one request. Any write through this connection drops what was kept,
   * so a list kept here never hides a change this run made.
   */
  List<ObjectNode> listForRefresh(ResourceKind kind, String namespace, ClusterObjects objects) {
    String key = kind.apiVersion() + "/" + kind.plural() + "/" + namespace;
    List<ObjectNode> kept = listed.get(key);
    if (kept != null) {
      return kept;
    }
    List<ObjectNode> fresh = List.copyOf(objects.list(kind, namespace));
    listed.putIfAbsent(key, fresh);
    return fresh;
  }

  /** Drops the lists kept for refreshes; called on every write. */
  void forgetLists() {
    listed.clear();
  }

  /**
   * Returns how the cluster serves {@code kind} of {@code apiVersion}: from kinds registered by
   * earlier plans of this run, else from discovery (one request per group version per run).
   */
  public Optional<ResourceKind> resolve(String apiVersion, String kind) {
    ResourceKind registered = planned.get(apiVersion + "/" + kind);
    if (registered != null) {
      return Optional.of(registered);
    }
    return served(apiVersion).map(kinds -> kinds.get(kind));
  }

  /** Returns whether the cluster serves {@code kind} of {@code apiVersion} now. */
  public boolean serves(String apiVersion, String kind) {
    return served(apiVersion).map(kinds -> kinds.containsKey(kind)).orElse(false);
  }

  /**
   * Records a kind that a resource's apply will install (a CRD it applies), so that resources
   * planned after it in the same run may use it before the cluster serves it.
   */
  public void registerPlanned(ResourceKind kind) {
    planned.put(kind.apiVersion() + "/" + kind.kind(), kind);
  }

  /**
   * Forgets what discovery returned for the group of the CRD named {@code crdName}
   * ({@code <plural>.<group>}), because applying it may have added kinds or versions.
   */
  public void forgetDiscoveryOfCrd(String crdName) {
    String group = crdName.substring(crdName.indexOf('.') + 1);
    discovered.keySet().removeIf(apiVersion -> apiVersion.startsWith(group + "/"));
  }

  private Optional<Map<String, ResourceKind>> served(String apiVersion) {
    Optional<Map<String, ResourceKind>> cached = discovered.get(apiVersion);
    if (cached != null && cached.isPresent()) {
      return cached;
    }
    // A group version that was not served is asked again: a CRD may have been applied since.
    Optional<Map<String, ResourceKind>> fresh = discover(apiVersion);
    discovered.put(apiVersion, fresh);
    return fresh;
  }

  private Optional<Map<String, ResourceKind>> discover(String apiVersion) {
    APIResourceList list;
    try {
      list = client.getApiResources(apiVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw KubernetesErrors.wrap("discovering " + apiVersion + " on " + name, e);
    }
    if (list == null || list.getResources() == null) {
      return Optional.empty();
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    Map<String, ResourceKind> kinds = new HashMap<>();
    for (APIResource resource : list.getResources()) {
      // Subresources such as deployments/status share the kind of their parent.
      if (resource.getName().contains("/")) {
        continue;
      }
      kinds.put(
          resource.getKind(),
          new ResourceKind(
              group,
              version,
              resource.getKind(),
              resource.getName(),
              Boolean.TRUE.equals(resource.getNamespaced())));
    }
    return Optional.of(Map.copyOf(kinds));
  }

  @Override
  public void close() {
    client.close();
  }
}
