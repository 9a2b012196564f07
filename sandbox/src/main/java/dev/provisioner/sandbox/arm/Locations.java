package dev.provisioner.sandbox.arm;

import java.util.List;
import java.util.Locale;

/**
 * The Azure regions the sandbox offers. ARM compares location names without case and without
 * spaces ({@code "East US"} is {@code eastus}).
 */
final class Locations {

  static final List<String> REGIONS =
      List.of(
          "eastus", "eastus2", "westus", "westus2", "westus3", "centralus", "northcentralus",
          "southcentralus", "westcentralus", "canadacentral", "brazilsouth", "northeurope",
          "westeurope", "uksouth", "ukwest", "francecentral", "germanywestcentral",
          "swedencentral", "switzerlandnorth", "norwayeast", "polandcentral", "italynorth",
          "eastasia", "southeastasia", "japaneast", "japanwest", "koreacentral",
          "australiaeast", "australiasoutheast", "centralindia", "southindia", "uaenorth",
          "southafricanorth");

  private Locations() {}

  /** Returns the canonical form of {@code location}: lower case, spaces removed. */
  static String normalize(String location) {
    return location.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  static boolean isOffered(String location) {
    return REGIONS.contains(normalize(location));
  }

  /**
   * Checks the location of a new resource of {@code resourceType}, as ARM does before it hands
   * the request to the resource provider.
   */
  static String require(String location, String resourceType) {
    if (location == null || location.isBlank()) {
      throw new ArmException(
          400,
          "LocationRequired",
          "The location property is required for this definition.");
    }
    if (!isOffered(location)) {
      throw new ArmException(
          400,
          "LocationNotAvailableForResourceType",
          "The provided location '" + location + "' is not available for resource type '"
              + resourceType + "'. List of available regions for the resource type is '"
              + String.join(",", REGIONS) + "'.");
    }
    return normalize(location);
  }
}
