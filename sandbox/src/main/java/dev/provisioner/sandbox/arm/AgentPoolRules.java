package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation and defaults of one AKS agent pool, the same whether it arrives in a cluster's
 * {@code agentPoolProfiles} or through the {@code agentPools} API. Limits follow the AKS API
 * reference: Linux pool names of 1-12 lower-case letters and digits, counts 0-1000 (at least 1
 * in System pools), max pods 10-250, OS disks 30-2048 GB.
 */
final class AgentPoolRules {

  private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9]{0,11}$");
  private static final Set<String> MODES = Set.of("System", "User", "Gateway");
  private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final Set<String> ZONES = Set.of("1", "2", "3");
  static final String NODE_IMAGE_VERSION = "AKSUbuntu-2204gen2containerd-202511.07.0";

  private AgentPoolRules() {}

  /**
   * Checks a pool as requested (before defaults), answering ARM's 400 errors with the property
   * path as target.
   */
  static void validate(ObjectNode pool, String path, String location) {
    String name = pool.path("name").asText("");
    if (!NAME.matcher(name).matches()) {
      throw ArmException.invalidParameter(
          path + ".name",
          "The agent pool name '" + name + "' is invalid. Linux agent pool names must start"
              + " with a lowercase letter, have at most 12 characters and contain only"
              + " lowercase letters and digits.");
    }
    String mode = pool.path("mode").asText("User");
    if (!MODES.contains(mode)) {
      throw ArmException.invalidParameter(
          path + ".mode", "Agent pool mode '" + mode + "' is invalid; use System or User.");
    }
    boolean system = mode.equals("System");
    if (isVirtualMachinesPool(pool)) {
      validateVirtualMachinesProfile(pool, path, name, location);
    } else {
      String vmSize = pool.path("vmSize").asText("");
      if (vmSize.isEmpty()) {
        throw ArmException.invalidParameter(
            path + ".vmSize", "The agent pool '" + name + "' must set vmSize.");
      }
      requireOfferedSize(vmSize, path + ".vmSize", location);
      if (system) {
        requireSystemPoolSize(vmSize, path + ".vmSize", name);
      }
      validateCounts(pool, path, name, system);
    }
    validateRange(pool, "maxPods", 10, 250, path);
    int disk = pool.path("osDiskSizeGB").asInt(0);
    if (disk != 0 && (disk < 30 || disk > 2048)) {
      throw ArmException.invalidParameter(
          path + ".osDiskSizeGB",
          "The value of osDiskSizeGB (" + disk + ") must be between 30 and 2048.");
    }
    for (JsonNode zone : pool.path("availabilityZones")) {
      if (!ZONES.contains(zone.asText())) {
        throw ArmException.invalidParameter(
            path + ".availabilityZones",
            "Availability zone '" + zone.asText() + "' is not offered in " + location
                + "; use 1, 2 or 3.");
      }
    }
    for (JsonNode taint : pool.path("nodeTaints")) {
      validateTaint(taint.asText(), path);
    }
  }

  private static void requireOfferedSize(String vmSize, String target, String location) {
    if (VmSizes.find(vmSize).isEmpty()) {
      throw ArmException.invalidParameter(
          target,
          "The VM size of " + vmSize + " is not allowed in your subscription in location '"
              + location + "'. Use a size listed by the Microsoft.Compute skus API.");
    }
  }

  /** Rejects System pool sizes under the 2 vCPUs and 4 GB of memory AKS requires. */
  private static void requireSystemPoolSize(String vmSize, String target, String name) {
    VmSizes.VmSize size = VmSizes.find(vmSize).orElseThrow();
    if (size.vCpus() < 2 || size.memoryMb() < 4096) {
      throw ArmException.invalidParameter(
          target,
          "System pool '" + name + "' cannot use " + vmSize + " (" + size.vCpus() + " vCPU, "
              + size.memoryMb() + " MB): System pools need at least 2 vCPUs and 4 GB of"
              + " memory.");
    }
  }

  /** Returns whether the pool is of type {@code VirtualMachines} (sizes per scale profile). */
  static boolean isVirtualMachinesPool(JsonNode pool) {
    return pool.path("type").asText("").equals("VirtualMachines");
  }

  private static void validateVirtualMachinesProfile(
      ObjectNode pool, String path, String name, String location) {
    JsonNode scale = pool.path("virtualMachinesProfile").path("scale");
    if (scale.path("manual").isEmpty() && scale.path("autoscale").isEmpty()) {
      throw ArmException.invalidParameter(
          path + ".virtualMachinesProfile.scale",
          "The VirtualMachines agent pool '" + name + "' needs virtualMachinesProfile.scale"
              + " with manual or autoscale entries.");
    }
    for (JsonNode entry : scale.path("manual")) {
      requireOfferedSize(entry.path("size").asText(""), path + ".virtualMachinesProfile", location);
    }
    for (JsonNode entry : scale.path("autoscale")) {
      requireOfferedSize(entry.path("size").asText(""), path + ".virtualMachinesProfile", location);
      int min = entry.path("minCount").asInt(0);
      int max = entry.path("maxCount").asInt(0);
      if (min < 0 || min > max || max > 1000) {
        throw ArmException.invalidParameter(
            path + ".virtualMachinesProfile.scale.autoscale",
            "Agent pool '" + name + "' has minCount " + min + " and maxCount " + max
                + "; they must satisfy 0 <= minCount <= maxCount <= 1000.");
      }
    }
  }

  /**
   * Fills {@code virtualMachineNodesStatus} and {@code count} of a VirtualMachines pool from
   * its scale profile; the autoscaler does not run, so autoscale entries run minCount VMs.
   */
  private static void fillVirtualMachinesStatus(ObjectNode pool) {
    JsonNode scale = pool.path("virtualMachinesProfile").path("scale");
    var status = pool.putArray("virtualMachineNodesStatus");
    int total = 0;
    for (JsonNode entry : scale.path("manual")) {
      int count = entry.path("count").asInt(0);
      status.addObject().put("size", entry.path("size").asText()).put("count", count);
      total += count;
    }
    for (JsonNode entry : scale.path("autoscale")) {
      int count = Math.max(1, entry.path("minCount").asInt(0));
      status.addObject().put("size", entry.path("size").asText()).put("count", count);
      total += count;
    }
    pool.put("count", total);
    if (!pool.hasNonNull("vmSize") && !status.isEmpty()) {
      pool.put("vmSize", status.get(0).path("size").asText());
    }
  }

  private static void validateCounts(ObjectNode pool, String path, String name, boolean system) {
    int minimum = system ? 1 : 0;
    boolean autoscaling = pool.path("enableAutoScaling").asBoolean(false);
    if (pool.hasNonNull("count")) {
      int count = pool.get("count").asInt();
      if (count < minimum || count > 1000) {
        throw ArmException.invalidParameter(
            path + ".count",
            "The count of agent pool '" + name + "' (" + count + ") must be between " + minimum
                + " and 1000" + (system ? " for a System pool" : "") + ".");
      }
    }
    if (!autoscaling) {
      if (pool.hasNonNull("minCount") || pool.hasNonNull("maxCount")) {
        throw ArmException.invalidParameter(
            path + ".minCount",
            "Agent pool '" + name + "' sets minCount or maxCount without enableAutoScaling;"
                + " enable the autoscaler or remove them.");
      }
      return;
    }
    if (!pool.hasNonNull("minCount") || !pool.hasNonNull("maxCount")) {
      throw ArmException.invalidParameter(
          path + ".minCount",
          "Agent pool '" + name + "' enables the autoscaler and must set both minCount and"
              + " maxCount.");
    }
    int min = pool.get("minCount").asInt();
    int max = pool.get("maxCount").asInt();
    if (min < minimum || max > 1000 || min > max) {
      throw ArmException.invalidParameter(
          path + ".minCount",
          "Agent pool '" + name + "' has minCount " + min + " and maxCount " + max
              + "; they must satisfy " + minimum + " <= minCount <= maxCount <= 1000.");
    }
    if (pool.hasNonNull("count")) {
      int count = pool.get("count").asInt();
      if (count < min || count > max) {
        throw ArmException.invalidParameter(
            path + ".count",
            "The count of agent pool '" + name + "' (" + count + ") must be within [minCount,"
                + " maxCount] = [" + min + ", " + max + "].");
      }
    }
  }

  private static void validateRange(ObjectNode pool, String field, int min, int max, String path) {
    if (!pool.hasNonNull(field)) {
      return;
    }
    int value = pool.get(field).asInt();
    if (value < min || value > max) {
      throw ArmException.invalidParameter(
          path + "." + field,
          "The value of " + field + " (" + value + ") must be between " + min + " and " + max
              + ".");
    }
  }

  private static void validateTaint(String taint, String path) {
    int colon = taint.lastIndexOf(':');
    String keyValue = colon < 0 ? "" : taint.substring(0, colon);
    String effect = colon < 0 ? "" : taint.substring(colon + 1);
    if (keyValue.isEmpty() || keyValue.startsWith("=") || !EFFECTS.contains(effect)) {
      throw ArmException.invalidParameter(
          path + ".nodeTaints",
          "Taint '" + taint + "' is invalid; use key=value:Effect with Effect one of"
              + " NoSchedule, PreferNoSchedule, NoExecute.");
    }
  }

  /**
   * Rejects changes AKS cannot make to an existing pool in place: VM size, OS disk, OS type,
   * zones and subnet ({@code PropertyChangeNotAllowed}).
   */
  static void requireImmutable(ObjectNode existing, ObjectNode requested, String path) {
    for (String field : List.of("vmSize", "osDiskSizeGB", "osType", "vnetSubnetID")) {
      if (!requested.hasNonNull(field)) {
        continue;
      }
      String before = existing.path(field).asText("");
      String after = requested.get(field).asText();
      if (!before.equalsIgnoreCase(after)) {
        throw ArmException.propertyChangeNotAllowed(field);
      }
    }
    if (requested.has("availabilityZones")
        && !zones(existing).equals(zones(requested))) {
      throw ArmException.propertyChangeNotAllowed("availabilityZones");
    }
  }

  private static Set<String> zones(JsonNode pool) {
    java.util.TreeSet<String> zones = new java.util.TreeSet<>();
    pool.path("availabilityZones").forEach(zone -> zones.add(zone.asText()));
    return zones;
  }

  /**
   * Fills the defaults and computed fields AKS returns for a pool. {@code previous} is the
   * stored pool when it exists.
   */
  static void fillDefaults(
      ObjectNode pool, JsonNode previous, String networkPlugin, String pluginMode,
      String orchestratorVersion) {
    Json.putDefault(pool, "type", "VirtualMachineScaleSets");
    Json.putDefault(pool, "osType", "Linux");
    Json.putDefault(pool, "osSKU", "Ubuntu");
    Json.putDefault(pool, "mode", "User");
    if (isVirtualMachinesPool(pool)) {
      fillVirtualMachinesStatus(pool);
    }
    if (pool.path("scaleSetPriority").asText("").equals("Spot")) {
      Json.putDefault(pool, "scaleSetEvictionPolicy", "Delete");
      if (!pool.hasNonNull("spotMaxPrice")) {
        pool.put("spotMaxPrice", -1);
      }
    }
    boolean autoscaling = pool.path("enableAutoScaling").asBoolean(false);
    pool.put("enableAutoScaling", autoscaling);
    if (!pool.hasNonNull("count")) {
      pool.put("count", autoscaling ? pool.path("minCount").asInt(1) : 1);
    }
    if (!pool.hasNonNull("maxPods")) {
      pool.put("maxPods", defaultMaxPods(networkPlugin, pluginMode));
    }
    if (pool.path("osDiskSizeGB").asInt(0) == 0) {
      pool.put("osDiskSizeGB", 128);
    }
    Json.putDefault(pool, "osDiskType", "Managed");
    Json.putDefault(pool, "kubeletDiskType", "OS");
    Json.putDefaultBoolean(pool, "enableNodePublicIP", false);
    Json.putDefaultBoolean(pool, "enableEncryptionAtHost", false);
    Json.putDefaultBoolean(pool, "enableUltraSSD", false);
    Json.putDefaultBoolean(pool, "enableFIPS", false);
    if (!pool.has("upgradeSettings")) {
      pool.putObject("upgradeSettings").put("maxSurge", "10%");
    }
    if (!pool.hasNonNull("orchestratorVersion")
        || pool.get("orchestratorVersion").asText().isEmpty()) {
      pool.put("orchestratorVersion", orchestratorVersion);
    }
    String current =
        KubernetesVersions.resolve(pool.get("orchestratorVersion").asText())
            .orElse(orchestratorVersion);
    pool.put("currentOrchestratorVersion", current);
    pool.put("nodeImageVersion", NODE_IMAGE_VERSION);
    pool.putObject("powerState").put("code", "Running");
    pool.put("eTag", Etags.next());
    if (previous != null && previous.has("provisioningState")) {
      pool.put("provisioningState", previous.get("provisioningState").asText());
    }
  }

  static int defaultMaxPods(String networkPlugin, String pluginMode) {
    if (!"azure".equalsIgnoreCase(networkPlugin)) {
      return 110;
    }
    return "overlay".equalsIgnoreCase(pluginMode) ? 250 : 30;
  }

  static boolean isSystem(JsonNode pool) {
    return pool.path("mode").asText("User").equalsIgnoreCase("System");
  }

  static String nameOf(JsonNode pool) {
    return pool.path("name").asText("").toLowerCase(Locale.ROOT);
  }
}
