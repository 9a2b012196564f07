package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Microsoft.ContainerService/managedClusters} and their {@code agentPools}: validation,
 * the computed properties AKS returns, long-running create, update and delete, and user and
 * admin credentials. Every completed change is carried into the cluster's Kubernetes API through
 * the {@link dev.provisioner.sandbox.ClusterHost}.
 *
 * <p>A cluster PUT creates and changes the pools it lists and keeps pools it does not list;
 * pools are removed only through the {@code agentPools} API.
 */
final class ManagedClusters {

  static final String TYPE = "Microsoft.ContainerService/managedClusters";
  static final String POOL_TYPE = TYPE + "/agentPools";
  private static final String NAMESPACE = "Microsoft.ContainerService";

  private final ArmContext context;
  private final VirtualNetworks networks;
  private final ClusterProperties computed;

  ManagedClusters(ArmContext context, VirtualNetworks networks) {
    this.context = context;
    this.networks = networks;
    this.computed = new ClusterProperties(context);
  }

  ArmResponse handle(ArmRequest request, String resourceGroup, String name) {
    String id = TrackedResources.id(context, resourceGroup, TYPE, name);
    Optional<ObjectNode> existing =
        TrackedResources.prepare(
            context, request, ApiVersions.MANAGED_CLUSTERS, resourceGroup, id);
    switch (request.method()) {
      case "PUT":
        return createOrUpdate(request, resourceGroup, name, id, existing);
      case "GET":
        return ArmResponse.of(200, require(existing, name, resourceGroup).deepCopy());
      case "PATCH":
        return updateTags(request, id, require(existing, name, resourceGroup));
      case "DELETE":
        return delete(request, id, existing);
      default:
        throw ResourceGroups.methodNotAllowed(request);
    }
  }

  ArmResponse list(ArmRequest request, Optional<String> resourceGroup) {
    ApiVersions.check(request, ApiVersions.MANAGED_CLUSTERS, "eastus");
    if (resourceGroup.isPresent()) {
      return ArmResponse.of(200, TrackedResources.list(context, resourceGroup.get(), TYPE));
    }
    ObjectNode body = Json.object();
    ArrayNode values = body.putArray("value");
    context.store().ofType(TYPE).forEach(cluster -> values.add(cluster.deepCopy()));
    return ArmResponse.of(200, body);
  }

  /** Serves {@code listClusterUserCredential} and {@code listClusterAdminCredential}. */
  ArmResponse credentials(ArmRequest request, String resourceGroup, String name, boolean admin) {
    String id = TrackedResources.id(context, resourceGroup, TYPE, name);
    Optional<ObjectNode> existing =
        TrackedResources.prepare(
            context, request, ApiVersions.MANAGED_CLUSTERS, resourceGroup, id);
    if (!request.method().equals("POST")) {
      throw ResourceGroups.methodNotAllowed(request);
    }
    ObjectNode cluster = require(existing, name, resourceGroup);
    JsonNode properties = cluster.path("properties");
    if (admin && properties.path("disableLocalAccounts").asBoolean(false)) {
      throw new ArmException(
          400,
          "BadRequest",
          "Getting static credential is not allowed because this cluster is set to disable"
              + " local accounts.");
    }
    String kubeconfig;
    try {
      kubeconfig =
          context.clusterHost()
              .start(id, name, properties.path("currentKubernetesVersion").asText())
              .kubeconfig();
    } catch (RuntimeException e) {
      throw new ArmException(
          500, "InternalOperationError",
          "The cluster's Kubernetes API could not be started: " + e.getMessage());
    }
    ObjectNode body = Json.object();
    ObjectNode credential = body.putArray("kubeconfigs").addObject();
    credential.put("name", admin ? "clusterAdmin" : "clusterUser");
    credential.put(
        "value",
        Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)));
    return ArmResponse.of(200, body);
  }

  /** Serves {@code GET .../locations/{location}/kubernetesVersions}. */
  ArmResponse kubernetesVersions(ArmRequest request, String location) {
    ApiVersions.check(request, ApiVersions.LOCATIONS, location);
    Locations.require(location, TYPE);
    return ArmResponse.of(200, KubernetesVersions.listBody());
  }

  /** Serves {@code .../managedClusters/{name}/agentPools[/{pool}]}. */
  ArmResponse agentPools(
      ArmRequest request, String resourceGroup, String clusterName, Optional<String> poolName) {
    String clusterId = TrackedResources.id(context, resourceGroup, TYPE, clusterName);
    Optional<ObjectNode> existing =
        TrackedResources.prepare(
            context, request, ApiVersions.MANAGED_CLUSTERS, resourceGroup, clusterId);
    ObjectNode cluster = require(existing, clusterName, resourceGroup);
    ArrayNode pools = Json.properties(cluster).withArrayProperty("agentPoolProfiles");
    if (poolName.isEmpty()) {
      ObjectNode body = Json.object();
      ArrayNode values = body.putArray("value");
      pools.forEach(pool -> values.add(poolView(clusterId, (ObjectNode) pool)));
      return ArmResponse.of(200, body);
    }
    String name = poolName.get();
    int index = indexOf(pools, name);
    switch (request.method()) {
      case "GET":
        if (index < 0) {
          throw poolNotFound(clusterName, name);
        }
        return ArmResponse.of(200, poolView(clusterId, (ObjectNode) pools.get(index)));
      case "PUT":
        return putPool(request, cluster, pools, index, name);
      case "DELETE":
        return deletePool(request, cluster, pools, index, name);
      default:
        throw ResourceGroups.methodNotAllowed(request);
    }
  }

  /**
   * Stops and deletes the Kubernetes API of a deleted cluster and its kubeconfig file.
   *
   * @param clusterId the id as stored, so the file name matches the one written
   */
  void releaseCluster(String clusterId) {
    try {
      context.clusterHost().delete(clusterId);
      context.deleteKubeconfigFile(clusterId);
    } catch (RuntimeException e) {
      throw new ArmException(
          500, "InternalOperationError",
          "The Kubernetes API of " + clusterId + " could not be deleted: " + e.getMessage());
    }
  }

  /** Returns the subnet ids a cluster uses: its pools' subnets and the virtual node subnet. */
  static List<String> subnetsInUse(ObjectNode cluster) {
    List<String> subnets = new ArrayList<>();
    JsonNode properties = cluster.path("properties");
    for (JsonNode pool : properties.path("agentPoolProfiles")) {
      String subnet = pool.path("vnetSubnetID").asText("");
      if (!subnet.isEmpty()) {
        subnets.add(subnet);
      }
    }
    JsonNode aci = ClusterNodes.addon(properties, "aciConnectorLinux");
    String aciSubnet = aci.path("config").path("SubnetName").asText("");
    if (aci.path("enabled").asBoolean(false) && !aciSubnet.isEmpty() && !subnets.isEmpty()) {
      String first = subnets.get(0);
      subnets.add(
          first.substring(0, first.toLowerCase(Locale.ROOT).indexOf("/subnets/") + 9)
              + aciSubnet);
    }
    return subnets;
  }

  private ArmResponse createOrUpdate(
      ArmRequest request,
      String resourceGroup,
      String name,
      String id,
      Optional<ObjectNode> existing) {
    ObjectNode body = Json.requireObject(request.body());
    if (!ClusterRules.NAME.matcher(name).matches()) {
      TrackedResources.requireName(
          name, ClusterRules.NAME, TYPE, "use 1-63 letters, digits, hyphens and underscores,"
              + " starting and ending with a letter or digit");
    }
    String location = TrackedResources.requireLocation(body, existing, TYPE, resourceGroup);
    existing.ifPresent(cluster -> context.requireNoOperationInProgress(id, name));
    if (!body.path("properties").isObject()) {
      throw ArmException.invalidParameter(
          "properties", "The managed cluster body must have a properties object.");
    }
    ObjectNode requested = (ObjectNode) body.get("properties");
    Optional<ObjectNode> previous = existing.map(cluster -> Json.properties(cluster));
    defaultFirstPoolToSystem(requested, previous);
    ClusterRules.validate(
        name, requested, body.path("identity"), existing, networks, context.store());
    previous.ifPresent(old -> ClusterRules.requireImmutable(old, requested));

    Optional<String> currentVersion =
        previous.map(old -> old.path("currentKubernetesVersion").asText());
    String version =
        ClusterRules.resolveVersion(requested.path("kubernetesVersion").asText(""),
            currentVersion);
    String alias = requested.path("kubernetesVersion").asText("");
    List<ObjectNode> pools =
        mergePools(requested, previous, location, version,
            alias.isEmpty() ? version : alias, currentVersion);

    ObjectNode cluster = existing.map(ObjectNode::deepCopy).orElseGet(Json::object);
    TrackedResources.fillEnvelope(cluster, body, id, name, TYPE, location);
    computed.fill(cluster, body, requested, previous, resourceGroup, version, pools);
    String transitional = existing.isPresent() ? "Updating" : "Creating";
    setStates(cluster, transitional);
    context.store().put(id, cluster);

    return context.acceptWrite(
        request,
        existing.isEmpty(),
        id,
        NAMESPACE,
        location,
        () -> {
          ClusterNodes.sync(context.clusterHost(), cluster);
          setStates(cluster, "Succeeded");
        },
        failure -> setStates(cluster, "Failed"),
        cluster::deepCopy);
  }

  private static void defaultFirstPoolToSystem(
      ObjectNode requested, Optional<ObjectNode> previous) {
    JsonNode pools = requested.path("agentPoolProfiles");
    if (previous.isPresent() || !pools.isArray() || pools.isEmpty()) {
      return;
    }
    for (JsonNode pool : pools) {
      if (pool.hasNonNull("mode")) {
        return;
      }
    }
    if (pools.get(0) instanceof ObjectNode first) {
      first.put("mode", "System");
    }
  }

  /**
   * Merges the requested pools over the stored ones: validates each, rejects immutable
   * changes, fills defaults, and keeps stored pools the request leaves out.
   */
  private List<ObjectNode> mergePools(
      ObjectNode requested,
      Optional<ObjectNode> previous,
      String location,
      String clusterVersion,
      String clusterAlias,
      Optional<String> previousClusterVersion) {
    Map<String, ObjectNode> merged = new LinkedHashMap<>();
    previous.ifPresent(
        old ->
            old.path("agentPoolProfiles")
                .forEach(pool -> merged.put(AgentPoolRules.nameOf(pool), pool.deepCopy())));
    JsonNode network = requested.path("networkProfile");
    String plugin =
        network.path("networkPlugin").asText(
            previous.map(old -> old.path("networkProfile").path("networkPlugin").asText("kubenet"))
                .orElse("kubenet"));
    String pluginMode = network.path("networkPluginMode").asText("");
    JsonNode requestedPools = requested.path("agentPoolProfiles");
    for (int i = 0; i < requestedPools.size(); i++) {
      ObjectNode pool = ((ObjectNode) requestedPools.get(i)).deepCopy();
      String path = "properties.agentPoolProfiles[" + i + "]";
      ObjectNode stored = merged.get(AgentPoolRules.nameOf(pool));
      if (stored != null && !pool.hasNonNull("mode")) {
        pool.put("mode", stored.path("mode").asText("User"));
      }
      AgentPoolRules.validate(pool, path, location);
      if (stored != null) {
        AgentPoolRules.requireImmutable(stored, pool, path);
      }
      String poolVersion =
          poolVersion(pool, stored, clusterVersion, clusterAlias, previousClusterVersion, path);
      ObjectNode result = mergePool(stored, pool, plugin, pluginMode, poolVersion);
      merged.put(AgentPoolRules.nameOf(pool), result);
    }
    requireSystemPool(merged.values());
    return new ArrayList<>(merged.values());
  }

  /**
   * Returns the orchestratorVersion a pool records: the requested one, else the cluster's
   * version as the cluster request wrote it (a minor like {@code 1.33} stays so) while the pool
   * ran the control plane's version, else the pool's own.
   */
  private static String poolVersion(
      ObjectNode pool,
      ObjectNode stored,
      String clusterVersion,
      String clusterAlias,
      Optional<String> previousClusterVersion,
      String path) {
    String requested = pool.path("orchestratorVersion").asText("");
    if (requested.isEmpty()) {
      boolean followsCluster =
          stored == null
              || previousClusterVersion
                  .map(v -> v.equals(stored.path("currentOrchestratorVersion").asText()))
                  .orElse(true);
      return followsCluster ? clusterAlias : stored.path("orchestratorVersion").asText();
    }
    String resolved =
        KubernetesVersions.resolve(requested)
            .orElseThrow(
                () ->
                    new ArmException(
                        400,
                        "AgentPoolK8sVersionNotSupported",
                        "Version " + requested + " of agent pool '" + pool.path("name").asText()
                            + "' is not supported in this region; supported minor versions are "
                            + KubernetesVersions.offered() + ".",
                        path + ".orchestratorVersion",
                        List.of()));
    if (KubernetesVersions.minorNumber(resolved) > KubernetesVersions.minorNumber(clusterVersion)) {
      throw ArmException.invalidParameter(
          path + ".orchestratorVersion",
          "Agent pool version " + resolved + " is newer than the control plane version "
              + clusterVersion + "; upgrade the control plane first.");
    }
    return requested;
  }

  /**
   * Returns the stored pool (if any) with the requested fields over it: maps and lists replaced
   * whole, autoscaler bounds dropped when the autoscaler is off, and AKS's defaults filled.
   */
  private static ObjectNode mergePool(
      ObjectNode stored, ObjectNode requested, String plugin, String pluginMode, String version) {
    ObjectNode result = stored == null ? Json.object() : stored.deepCopy();
    Json.mergeInto(result, requested);
    replaceWhole(result, requested, "nodeLabels", "nodeTaints", "availabilityZones", "tags");
    if (!result.path("enableAutoScaling").asBoolean(false)) {
      result.remove("minCount");
      result.remove("maxCount");
    }
    result.put("orchestratorVersion", version);
    AgentPoolRules.fillDefaults(result, stored, plugin, pluginMode, version);
    return result;
  }

  private static void replaceWhole(ObjectNode target, ObjectNode source, String... fields) {
    for (String field : fields) {
      if (source.has(field)) {
        target.set(field, source.get(field).deepCopy());
      }
    }
  }

  private static void requireSystemPool(Iterable<? extends JsonNode> pools) {
    for (JsonNode pool : pools) {
      if (AgentPoolRules.isSystem(pool)) {
        return;
      }
    }
    throw new ArmException(
        400,
        "MustDefineAtLeastOneSystemPool",
        "Must define at least one system pool. A managed cluster needs an agent pool with mode"
            + " System.");
  }

  /**
   * Replaces the cluster's tags. AKS responds to a tag patch with 200 and the terminal resource,
   * because tags do not touch the cluster itself.
   */
  private ArmResponse updateTags(ArmRequest request, String id, ObjectNode cluster) {
    ObjectNode body = Json.requireObject(request.body());
    TrackedResources.requireValidTags(body.get("tags"));
    context.requireNoOperationInProgress(id, cluster.path("name").asText());
    if (body.has("tags")) {
      cluster.set("tags", body.get("tags").isNull() ? Json.object() : body.get("tags"));
    }
    cluster.put("eTag", Etags.next());
    context.store().save();
    return ArmResponse.of(200, cluster.deepCopy());
  }

  private ArmResponse delete(ArmRequest request, String id, Optional<ObjectNode> existing) {
    if (existing.isEmpty()) {
      return ArmResponse.empty(204);
    }
    ObjectNode cluster = existing.get();
    context.requireNoOperationInProgress(id, cluster.path("name").asText());
    setStates(cluster, "Deleting");
    return context.acceptDelete(
        request,
        id,
        NAMESPACE,
        cluster.path("location").asText(),
        204,
        () -> {
          releaseCluster(cluster.path("id").asText());
          context.store().remove(id);
        },
        failure -> setStates(cluster, "Failed"));
  }

  private ArmResponse putPool(
      ArmRequest request, ObjectNode cluster, ArrayNode pools, int index, String name) {
    ObjectNode body = Json.requireObject(request.body());
    String clusterId = cluster.get("id").asText();
    context.requireNoOperationInProgress(clusterId, cluster.path("name").asText());
    ObjectNode properties = Json.properties(cluster);
    ObjectNode pool =
        body.path("properties").isObject()
            ? ((ObjectNode) body.get("properties")).deepCopy()
            : Json.object();
    pool.put("name", name);
    ObjectNode stored = index < 0 ? null : (ObjectNode) pools.get(index);
    if (!pool.hasNonNull("mode")) {
      pool.put("mode", stored == null ? "User" : stored.path("mode").asText("User"));
    }
    String location = cluster.path("location").asText();
    AgentPoolRules.validate(pool, "properties", location);
    if (stored != null) {
      AgentPoolRules.requireImmutable(stored, pool, "properties");
    }
    String subnet = pool.path("vnetSubnetID").asText("");
    if (!subnet.isEmpty() && networks.findSubnet(subnet).isEmpty()) {
      throw ArmException.invalidParameter(
          "properties.vnetSubnetID",
          "The subnet " + subnet + " of agent pool '" + name + "' was not found.");
    }
    String clusterVersion = properties.path("currentKubernetesVersion").asText();
    String version =
        poolVersion(pool, stored, clusterVersion, properties.path("kubernetesVersion").asText(),
            Optional.of(clusterVersion), "properties");
    JsonNode network = properties.path("networkProfile");
    ObjectNode result =
        mergePool(
            stored,
            pool,
            network.path("networkPlugin").asText("kubenet"),
            network.path("networkPluginMode").asText(""),
            version);
    List<JsonNode> after = new ArrayList<>();
    pools.forEach(after::add);
    if (index < 0) {
      after.add(result);
    } else {
      after.set(index, result);
    }
    requireSystemPool(after);

    result.put("provisioningState", index < 0 ? "Creating" : "Updating");
    if (index < 0) {
      pools.add(result);
    } else {
      pools.set(index, result);
    }
    return context.acceptWrite(
        request,
        index < 0,
        clusterId,
        NAMESPACE,
        location,
        () -> {
          ClusterNodes.sync(context.clusterHost(), cluster);
          result.put("provisioningState", "Succeeded");
        },
        failure -> result.put("provisioningState", "Failed"),
        () -> poolView(clusterId, result));
  }

  private ArmResponse deletePool(
      ArmRequest request, ObjectNode cluster, ArrayNode pools, int index, String name) {
    if (index < 0) {
      return ArmResponse.empty(204);
    }
    String clusterId = cluster.get("id").asText();
    context.requireNoOperationInProgress(clusterId, cluster.path("name").asText());
    List<JsonNode> remaining = new ArrayList<>();
    for (int i = 0; i < pools.size(); i++) {
      if (i != index) {
        remaining.add(pools.get(i));
      }
    }
    requireSystemPool(remaining);
    ObjectNode pool = (ObjectNode) pools.get(index);
    pool.put("provisioningState", "Deleting");
    return context.acceptDelete(
        request,
        clusterId,
        NAMESPACE,
        cluster.path("location").asText(),
        204,
        () -> {
          int current = indexOf(pools, name);
          if (current >= 0) {
            pools.remove(current);
          }
          ClusterNodes.sync(context.clusterHost(), cluster);
        },
        failure -> pool.put("provisioningState", "Failed"));
  }

  private static ObjectNode poolView(String clusterId, ObjectNode pool) {
    ObjectNode view = Json.object();
    String name = pool.path("name").asText();
    view.put("id", clusterId + "/agentPools/" + name);
    view.put("name", name);
    view.put("type", POOL_TYPE);
    ObjectNode properties = pool.deepCopy();
    properties.remove("name");
    view.set("properties", properties);
    return view;
  }

  private static void setStates(ObjectNode cluster, String state) {
    ObjectNode properties = Json.properties(cluster);
    properties.put("provisioningState", state);
    for (JsonNode pool : properties.path("agentPoolProfiles")) {
      ((ObjectNode) pool).put("provisioningState", state);
    }
  }

  private static int indexOf(ArrayNode pools, String name) {
    for (int i = 0; i < pools.size(); i++) {
      if (pools.get(i).path("name").asText().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static ObjectNode require(Optional<ObjectNode> existing, String name, String group) {
    return existing.orElseThrow(() -> ArmContext.resourceNotFound(TYPE, name, group));
  }

  private static ArmException poolNotFound(String cluster, String pool) {
    return new ArmException(
        404,
        "NotFound",
        "Could not find agent pool '" + pool + "' in managed cluster '" + cluster + "'.");
  }

  static String randomHex(int length) {
    return UUID.randomUUID().toString().replace("-", "").substring(0, length);
  }
}
