package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes versions the sandbox's AKS offers in every region: four minors, each with its
 * patches, as AKS lists them (standard support for the newest three, long-term support only for
 * the oldest).
 */
final class KubernetesVersions {

  /** Patches per minor, oldest first. */
  private static final Map<String, List<String>> PATCHES = new LinkedHashMap<>();

  static {
    PATCHES.put("1.31", List.of("1.31.10", "1.31.11"));
    PATCHES.put("1.32", List.of("1.32.6", "1.32.7"));
    PATCHES.put("1.33", List.of("1.33.2", "1.33.3"));
    PATCHES.put("1.34", List.of("1.34.0", "1.34.1"));
  }

  static final String DEFAULT_MINOR = "1.33";

  private KubernetesVersions() {}

  /**
   * Resolves a requested version ({@code ""}, a minor like {@code 1.33} or a patch like
   * {@code 1.33.2}) to the patch the cluster runs, or empty when AKS does not offer it.
   */
  static Optional<String> resolve(String requested) {
    if (requested == null || requested.isEmpty()) {
      return Optional.of(latestPatch(DEFAULT_MINOR));
    }
    if (PATCHES.containsKey(requested)) {
      return Optional.of(latestPatch(requested));
    }
    String minor = minorOf(requested);
    List<String> patches = PATCHES.get(minor);
    return patches != null && patches.contains(requested)
        ? Optional.of(requested)
        : Optional.empty();
  }

  static String minorOf(String version) {
    String[] parts = version.split("\\.");
    return parts.length < 2 ? version : parts[0] + "." + parts[1];
  }

  /** Returns the minor number of a version, e.g. 33 for {@code 1.33.2}. */
  static int minorNumber(String version) {
    String[] parts = version.split("\\.");
    return Integer.parseInt(parts[1]);
  }

  private static String latestPatch(String minor) {
    List<String> patches = PATCHES.get(minor);
    return patches.get(patches.size() - 1);
  }

  /** Returns the supported versions as a readable list for error messages. */
  static String offered() {
    return String.join(", ", PATCHES.keySet());
  }

  /**
   * Builds the body of {@code GET .../locations/{location}/kubernetesVersions}: {@code values},
   * each minor with its capabilities, default and preview flags and patch upgrade paths.
   */
  static ObjectNode listBody() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode body = json.objectNode();
    ArrayNode values = body.putArray("values");
    List<String> minors = List.copyOf(PATCHES.keySet());
    for (int i = 0; i < minors.size(); i++) {
      String minor = minors.get(i);
      ObjectNode value = values.addObject();
      value.put("version", minor);
      ArrayNode plans = value.putObject("capabilities").putArray("supportPlan");
      if (i > 0) {
        plans.add("KubernetesOfficial");
      }
      plans.add("AKSLongTermSupport");
      value.put("isPreview", false);
      if (minor.equals(DEFAULT_MINOR)) {
        value.put("isDefault", true);
      }
      ObjectNode patchVersions = value.putObject("patchVersions");
      List<String> patches = PATCHES.get(minor);
      for (int p = 0; p < patches.size(); p++) {
        ArrayNode upgrades = patchVersions.putObject(patches.get(p)).putArray("upgrades");
        patches.subList(p + 1, patches.size()).forEach(upgrades::add);
        if (i + 1 < minors.size()) {
          PATCHES.get(minors.get(i + 1)).forEach(upgrades::add);
        }
      }
    }
    return body;
  }
}
