package dev.provisioner.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provisioner.provider.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Static checks that ARM makes on every request, run before anything is contacted. Patterns and
 * bounds are those of the ARM REST API specifications (Microsoft.ContainerService 2025-09-01,
 * Microsoft.Network, Microsoft.OperationalInsights) and the Azure naming rules page. Unknown
 * values are skipped: they are checked again when they become known.
 */
final class ArmRules {

  static final Pattern RESOURCE_GROUP_NAME =
      Pattern.compile("^[-\\w._()]{0,89}[-\\w_()]$", Pattern.UNICODE_CHARACTER_CLASS);
  static final Pattern WORKSPACE_NAME =
      Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$");
  static final Pattern VNET_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9_]$");
  static final Pattern SUBNET_NAME =
      Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$");
  static final Pattern CLUSTER_NAME =
      Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$");
  static final Pattern DNS_PREFIX =
      Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][-a-zA-Z0-9]{0,52}[a-zA-Z0-9]$");
  static final Pattern AGENT_POOL_NAME = Pattern.compile("^[a-z][a-z0-9]{0,11}$");
  static final Pattern KUBERNETES_VERSION = Pattern.compile("^\\d+\\.\\d+(\\.\\d+)?$");
  static final Pattern GUID =
      Pattern.compile("^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$");
  static final Pattern SUBNET_ID = Pattern.compile(
      "^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/"
          + "([^/]+)/subnets/([^/]+)$",
      Pattern.CASE_INSENSITIVE);
  static final Pattern WORKSPACE_ID = Pattern.compile(
      "^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/"
          + "workspaces/[^/]+$",
      Pattern.CASE_INSENSITIVE);
  static final Pattern ISTIO_REVISION = Pattern.compile("^asm-\\d+-\\d+$");
  private static final Pattern CIDR =
      Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");
  private static final Pattern IPV4 =
      Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  private static final Pattern LABEL_NAME = Pattern.compile(
      "^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");
  private static final Set<String> TAINT_EFFECTS =
      Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final int MAX_TAGS = 50;

  private ArmRules() {}

  /** Reports an error when the string at {@code path} is known and does not match. */
  static void matches(
      JsonNode properties, String path, Pattern pattern, String rule, Validation validation) {
    Props.text(properties, path).ifPresent(value -> {
      if (!pattern.matcher(value).matches()) {
        validation.error(path, "'" + value + "' is not a valid value: " + rule + ".");
      }
    });
  }

  /** Reports an error when the integer at {@code path} is known and outside [min, max]. */
  static void range(JsonNode properties, String path, int min, int max, Validation validation) {
    Props.integer(properties, path).ifPresent(value -> {
      if (value < min || value > max) {
        validation.error(path, value + " is out of range: use a value from " + min + " to " + max
            + ".");
      }
    });
  }

  /** Checks ARM's tag limits: at most 50 tags, names up to 512 and values up to 256 chars. */
  static void tags(JsonNode properties, Validation validation) {
    Map<String, String> tags = Props.stringMap(properties, "tags");
    if (tags.size() > MAX_TAGS) {
      validation.error("tags", "ARM allows at most " + MAX_TAGS + " tags per resource; found "
          + tags.size() + ".");
    }
    tags.forEach((name, value) -> {
      if (name.length() > 512 || name.matches(".*[<>%&\\\\?/].*")) {
        validation.error("tags." + name,
            "tag names are at most 512 characters and cannot contain < > % & \\ ? /.");
      }
      if (value.length() > 256) {
        validation.error("tags." + name, "tag values are at most 256 characters.");
      }
    });
  }

  /** Returns whether {@code value} is an IPv4 CIDR such as {@code 10.224.0.0/16}. */
  static boolean isCidr(String value) {
    var matcher = CIDR.matcher(value);
    if (!matcher.matches()) {
      return false;
    }
    for (int group = 1; group <= 4; group++) {
      if (Integer.parseInt(matcher.group(group)) > 255) {
        return false;
      }
    }
    return Integer.parseInt(matcher.group(5)) <= 32;
  }

  /** Returns whether the IPv4 address {@code ip} lies inside {@code cidr}. */
  static boolean contains(String cidr, String ip) {
    var ipMatch = IPV4.matcher(ip);
    if (!isCidr(cidr) || !ipMatch.matches()) {
      return false;
    }
    String[] parts = cidr.split("/");
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
  }

  /** Returns whether {@code value} is an IPv4 address. */
  static boolean isIpv4(String value) {
    return IPV4.matcher(value).matches() && isCidr(value + "/32");
  }

  private static long toLong(String ip) {
    long result = 0;
    for (String octet : ip.split("\\.")) {
      result = (result << 8) | Integer.parseInt(octet);
    }
    return result;
  }

  /** Returns the subnet name of an ARM subnet id, if {@code id} is one. */
  static Optional<String> subnetName(String id) {
    var matcher = SUBNET_ID.matcher(id);
    return matcher.matches() ? Optional.of(matcher.group(2)) : Optional.empty();
  }

  /**
   * Checks an agent pool's fields under {@code prefix} ("" or "defaultNodePool."), with the
   * stricter rules of System pools when {@code system} is set.
   */
  static void agentPool(JsonNode properties, String prefix, boolean system, Validation validation) {
    matches(properties, prefix + "name", AGENT_POOL_NAME,
        "agent pool names are 1 to 12 lowercase letters and digits starting with a letter",
        validation);
    matches(properties, prefix + "vmSize", Pattern.compile("^[A-Za-z0-9_]+$"),
        "VM sizes are letters, digits and '_', for example Standard_DS3_v2", validation);

    int minimumCount = system ? 1 : 0;
    range(properties, prefix + "count", minimumCount, 1000, validation);
    Optional<Integer> count = Props.integer(properties, prefix + "count");
    Optional<Integer> min = Props.integer(properties, prefix + "autoscaling.min");
    Optional<Integer> max = Props.integer(properties, prefix + "autoscaling.max");
    range(properties, prefix + "autoscaling.min", minimumCount, 1000, validation);
    range(properties, prefix + "autoscaling.max", Math.max(1, minimumCount), 1000, validation);
    if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
      // No count fits crossed bounds, so a count error would only repeat this one.
      validation.error(prefix + "autoscaling",
          "autoscaling.min (" + min.get() + ") is greater than autoscaling.max (" + max.get()
              + ").");
    } else {
      countWithinBounds(prefix, count, min, max, validation);
    }

    range(properties, prefix + "maxPods", system ? 30 : 10, 250, validation);
    range(properties, prefix + "osDiskSizeGB", 0, 2048, validation);
    zones(properties, prefix + "zones", validation);
    if (system) {
      systemTaints(properties, prefix + "taints", validation);
    }
    taints(properties, prefix + "taints", validation);
    labels(properties, prefix + "labels", validation);
  }

  private static void countWithinBounds(String prefix, Optional<Integer> count,
      Optional<Integer> min, Optional<Integer> max, Validation validation) {
    if (count.isPresent() && min.isPresent() && count.get() < min.get()) {
      validation.error(prefix + "count", "count " + count.get()
          + " is below autoscaling.min " + min.get() + ": the start size must be within the"
          + " autoscaler's bounds.");
    }
    if (count.isPresent() && max.isPresent() && count.get() > max.get()) {
      validation.error(prefix + "count", "count " + count.get()
          + " is above autoscaling.max " + max.get() + ": the start size must be within the"
          + " autoscaler's bounds.");
    }
  }

  private static void zones(JsonNode properties, String path, Validation validation) {
    List<String> zones = Props.strings(properties, path);
    Set<String> seen = new HashSet<>();
    for (String zone : zones) {
      if (!Set.of("1", "2", "3").contains(zone)) {
        validation.error(path, "zone '" + zone + "' is not valid: use 1, 2 or 3.");
      } else if (!seen.add(zone)) {
        validation.error(path, "zone '" + zone + "' is listed twice.");
      }
    }
  }

  private static void systemTaints(JsonNode properties, String path, Validation validation) {
    for (String taint : Props.strings(properties, path)) {
      if (taint.endsWith(":NoSchedule") || taint.endsWith(":NoExecute")) {
        if (!taint.startsWith("CriticalAddonsOnly")) {
          validation.error(path, "System pools must accept kube-system pods: taint '" + taint
              + "' would keep them off; use CriticalAddonsOnly=true:NoSchedule or a User pool.");
        }
      }
    }
  }

  private static void taints(JsonNode properties, String path, Validation validation) {
    for (String taint : Props.strings(properties, path)) {
      int colon = taint.lastIndexOf(':');
      String effect = colon < 0 ? "" : taint.substring(colon + 1);
      String keyValue = colon < 0 ? taint : taint.substring(0, colon);
      String key = keyValue.contains("=") ? keyValue.substring(0, keyValue.indexOf('=')) : keyValue;
      String value = keyValue.contains("=") ? keyValue.substring(keyValue.indexOf('=') + 1) : "";
      if (!TAINT_EFFECTS.contains(effect) || !LABEL_NAME.matcher(key).matches()
          || !LABEL_VALUE.matcher(value).matches()) {
        validation.error(path, "taint '" + taint + "' is not valid: write key=value:Effect with"
            + " Effect one of NoSchedule, PreferNoSchedule, NoExecute.");
      }
    }
  }

  private static void labels(JsonNode properties, String path, Validation validation) {
    Props.stringMap(properties, path).forEach((key, value) -> {
      if (!LABEL_NAME.matcher(key).matches()) {
        validation.error(path + "." + key, "'" + key + "' is not a valid Kubernetes label key.");
      } else if (key.startsWith("kubernetes.azure.com/")) {
        validation.error(path + "." + key,
            "the label prefix kubernetes.azure.com/ is reserved for AKS; choose another key.");
      }
      if (!LABEL_VALUE.matcher(value).matches()) {
        validation.error(path + "." + key, "'" + value + "' is not a valid Kubernetes label"
            + " value: up to 63 letters, digits, '-', '_' and '.', starting and ending with a"
            + " letter or digit.");
      }
    });
  }
}
