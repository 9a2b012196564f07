package dev.provisioner.provider.azure;

import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.OSType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent pool as the provider sees it, whether a cluster's default pool
 * ({@link ManagedClusterAgentPoolProfile}) or a separate pool ({@link AgentPoolInner}); the two
 * SDK classes share no interface, so both convert through this record.
 *
 * @param name pool name
 * @param vmSize VM size
 * @param count node count; with autoscaling, the start size or the live count
 * @param autoscaling autoscaler bounds, empty when the autoscaler is off
 * @param maxPods max pods per node, empty for the ARM default
 * @param zones availability zones
 * @param osDiskSizeGB OS disk size, empty for the VM size's default
 * @param mode System or User
 * @param labels node labels
 * @param taints node taints
 * @param subnetId node subnet id, empty without a virtual network
 */
record AgentPoolSpec(
    String name,
    String vmSize,
    Optional<Integer> count,
    Optional<Bounds> autoscaling,
    Optional<Integer> maxPods,
    List<String> zones,
    Optional<Integer> osDiskSizeGB,
    String mode,
    Map<String, String> labels,
    List<String> taints,
    Optional<String> subnetId) {

  /** Autoscaler bounds. */
  record Bounds(int min, int max) {}

  AgentPoolSpec {
    zones = List.copyOf(zones);
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
  }

  /** Reads a pool from stack properties; {@code pool} holds the pool's fields. */
  static AgentPoolSpec fromProperties(JsonNode pool, String mode, Optional<String> subnetId) {
    Optional<Bounds> bounds = Props.object(pool, "autoscaling").map(a -> new Bounds(
        Props.integer(a, "min").orElse(0), Props.integer(a, "max").orElse(0)));
    return new AgentPoolSpec(
        Props.requiredText(pool, "name"),
        Props.requiredText(pool, "vmSize"),
        Props.integer(pool, "count"),
        bounds,
        Props.integer(pool, "maxPods"),
        Props.strings(pool, "zones"),
        Props.integer(pool, "osDiskSizeGB").filter(size -> size > 0),
        mode,
        Props.stringMap(pool, "labels"),
        Props.strings(pool, "taints"),
        subnetId);
  }

  /**
   * Returns the count to send: the stack's count, else the autoscaler minimum or 1 (ARM's
   * default); with the autoscaler on and a pool already running, the live count clamped into
   * the bounds, because the autoscaler owns it.
   */
  int countToSend(Optional<Integer> liveCount) {
    if (autoscaling.isPresent()) {
      Bounds bounds = autoscaling.get();
      int start = liveCount.or(() -> count).orElse(bounds.min());
      return Math.max(bounds.min(), Math.min(bounds.max(), start));
    }
    return count.orElse(1);
  }

  /** Builds the default pool entry of a managed cluster request. */
  ManagedClusterAgentPoolProfile toProfile(Optional<Integer> liveCount) {
    ManagedClusterAgentPoolProfile profile = new ManagedClusterAgentPoolProfile()
        .withName(name)
        .withVmSize(vmSize)
        .withCount(countToSend(liveCount))
        .withEnableAutoScaling(autoscaling.isPresent())
        .withMode(AgentPoolMode.fromString(mode))
        .withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
        .withOsType(OSType.LINUX);
    autoscaling.ifPresent(b -> profile.withMinCount(b.min()).withMaxCount(b.max()));
    maxPods.ifPresent(profile::withMaxPods);
    osDiskSizeGB.ifPresent(profile::withOsDiskSizeGB);
    subnetId.ifPresent(profile::withVnetSubnetId);
    if (!zones.isEmpty()) {
      profile.withAvailabilityZones(zones);
    }
    if (!labels.isEmpty()) {
      profile.withNodeLabels(labels);
    }
    if (!taints.isEmpty()) {
      profile.withNodeTaints(taints);
    }
    return profile;
  }

  /** Builds an agent pool request. */
  AgentPoolInner toAgentPool(Optional<Integer> liveCount) {
    AgentPoolInner pool = new AgentPoolInner()
        .withVmSize(vmSize)
        .withCount(countToSend(liveCount))
        .withEnableAutoScaling(autoscaling.isPresent())
        .withMode(AgentPoolMode.fromString(mode))
        .withTypePropertiesType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
        .withOsType(OSType.LINUX)
        .withNodeLabels(labels)
        .withNodeTaints(taints);
    autoscaling.ifPresent(b -> pool.withMinCount(b.min()).withMaxCount(b.max()));
    maxPods.ifPresent(pool::withMaxPods);
    osDiskSizeGB.ifPresent(pool::withOsDiskSizeGB);
    subnetId.ifPresent(pool::withVnetSubnetId);
    if (!zones.isEmpty()) {
      pool.withAvailabilityZones(zones);
    }
    return pool;
  }

  static AgentPoolSpec fromProfile(ManagedClusterAgentPoolProfile profile) {
    return new AgentPoolSpec(
        profile.name(),
        profile.vmSize(),
        Optional.ofNullable(profile.count()),
        bounds(profile.enableAutoScaling(), profile.minCount(), profile.maxCount()),
        Optional.ofNullable(profile.maxPods()),
        Props.orEmpty(profile.availabilityZones()),
        Optional.ofNullable(profile.osDiskSizeGB()),
        profile.mode() == null ? "System" : profile.mode().toString(),
        Props.orEmpty(profile.nodeLabels()),
        Props.orEmpty(profile.nodeTaints()),
        Optional.ofNullable(profile.vnetSubnetId()));
  }

  static AgentPoolSpec fromAgentPool(AgentPoolInner pool) {
    return new AgentPoolSpec(
        pool.name(),
        pool.vmSize(),
        Optional.ofNullable(pool.count()),
        bounds(pool.enableAutoScaling(), pool.minCount(), pool.maxCount()),
        Optional.ofNullable(pool.maxPods()),
        Props.orEmpty(pool.availabilityZones()),
        Optional.ofNullable(pool.osDiskSizeGB()),
        pool.mode() == null ? "User" : pool.mode().toString(),
        Props.orEmpty(pool.nodeLabels()),
        Props.orEmpty(pool.nodeTaints()),
        Optional.ofNullable(pool.vnetSubnetId()));
  }

  private static Optional<Bounds> bounds(Boolean enabled, Integer min, Integer max) {
    if (enabled == null || !enabled) {
      return Optional.empty();
    }
    return Optional.of(new Bounds(min == null ? 0 : min, max == null ? 0 : max));
  }

  /**
   * Writes the pool's fields into {@code into}. With the autoscaler on, the live count is the
   * autoscaler's, so {@code count} repeats {@code priorCount} (what the stack set) instead of it
   * and the autoscaler's work is not reported as drift.
   */
  void writeTo(ObjectNode into, Optional<Integer> priorCount, boolean withModeLabelsTaints) {
    into.put("name", name);
    into.put("vmSize", vmSize);
    Optional<Integer> reported = autoscaling.isPresent() && priorCount.isPresent()
        ? priorCount
        : count;
    reported.ifPresent(value -> into.put("count", value));
    autoscaling.ifPresent(b -> {
      ObjectNode node = into.putObject("autoscaling");
      node.put("min", b.min());
      node.put("max", b.max());
    });
    maxPods.ifPresent(value -> into.put("maxPods", value));
    into.set("zones", Props.stringList(zones));
    osDiskSizeGB.ifPresent(value -> into.put("osDiskSizeGB", value));
    if (withModeLabelsTaints) {
      into.put("mode", mode);
      into.set("labels", Props.stringObject(labels));
      into.set("taints", Props.stringList(taints));
    }
  }
}
