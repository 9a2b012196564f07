package dev.provisioner.provider.azure;

import dev.provisioner.provider.ProviderException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed ARM resource id such as
 * {@code /subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/virtualNetworks/N}.
 *
 * @param subscriptionId the subscription segment
 * @param resourceGroup the resource group segment
 * @param names the remaining type/name pairs in order, for example {@code managedClusters -> C}
 */
record ArmId(String subscriptionId, String resourceGroup, Map<String, String> names) {

  ArmId {
    names = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(names));
  }

  /**
   * Parses {@code id}. Segment names are matched without regard to case, as ARM does.
   *
   * @throws ProviderException when {@code id} is not a resource group or resource id
   */
  static ArmId parse(String id) {
    String[] parts = id.startsWith("/") ? id.substring(1).split("/") : id.split("/");
    if (parts.length < 4 || parts.length % 2 != 0
        || !parts[0].equalsIgnoreCase("subscriptions")
        || !parts[2].equalsIgnoreCase("resourceGroups")) {
      throw new ProviderException("InvalidResourceId", "'" + id + "' is not an ARM resource id"
          + " of the form /subscriptions/{id}/resourceGroups/{name}/providers/...");
    }
    Map<String, String> names = new LinkedHashMap<>();
    int index = 4;
    if (parts.length > 4) {
      // The provider namespace is one segment after "providers", not a type/name pair.
      index = 6;
    }
    for (; index + 1 < parts.length; index += 2) {
      names.put(parts[index], parts[index + 1]);
    }
    return new ArmId(parts[1], parts[3], names);
  }

  /** Returns the name of the last resource in the id, for example the cluster name. */
  String name() {
    String last = resourceGroup;
    for (String value : names.values()) {
      last = value;
    }
    return last;
  }

  /** Returns the name for the type segment {@code type}, matched without regard to case. */
  String name(String type) {
    return names.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(type))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new ProviderException("InvalidResourceId",
            "resource id has no '" + type + "' segment"));
  }
}
