package dev.provisioner.sandbox.arm;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The api-versions the sandbox accepts per resource type, and ARM's answers to others.
 *
 * <p>Each list holds the version the Azure SDK libraries on the class path send
 * (azure-resourcemanager-resources 2.54.1: 2025-04-01; -containerservice 2.56.1: 2025-09-01;
 * -network 2.57.0: 2025-03-01; -loganalytics 1.1.0: 2022-10-01; subscriptions 2022-12-01, read
 * from the generated clients),
 * the version of the published REST examples the sandbox replays, and recent stable versions of
 * the same API whose shape the sandbox also matches.
 */
public final class ApiVersions {

  static final String RESOURCE_GROUPS = "resourceGroups";
  static final String WORKSPACES = "workspaces";
  static final String VIRTUAL_NETWORKS = "virtualNetworks";
  static final String MANAGED_CLUSTERS = "managedClusters";
  static final String LOCATIONS = "locations";
  static final String SKUS = "skus";
  static final String VM_SIZES = "locations/vmSizes";
  static final String SUBSCRIPTIONS = "subscriptions";

  /** Microsoft.ContainerService versions; clusters and location queries share them. */
  private static final List<String> CONTAINER_SERVICE =
      List.of("2026-08-01", "2025-10-01", "2025-09-01", "2025-08-01", "2025-07-01",
              "2025-05-01", "2025-04-01", "2025-03-01", "2025-02-01", "2025-01-01",
              "2024-10-01", "2024-09-01", "2024-08-01");

  private static final Map<String, List<String>> SUPPORTED =
      Map.of(
          RESOURCE_GROUPS,
          List.of("2025-04-01", "2025-03-01", "2024-11-01", "2024-07-01", "2024-03-01",
              "2023-07-01", "2022-09-01", "2021-04-01"),
          WORKSPACES,
          List.of("2025-07-01", "2025-02-01", "2023-09-01", "2022-10-01", "2021-06-01",
              "2020-08-01"),
          VIRTUAL_NETWORKS,
          List.of("2025-03-01", "2025-01-01", "2024-10-01", "2024-07-01", "2024-05-01",
              "2024-03-01", "2024-01-01", "2023-11-01", "2023-09-01"),
          MANAGED_CLUSTERS,
          CONTAINER_SERVICE,
          LOCATIONS,
          CONTAINER_SERVICE,
          SKUS,
          List.of("2021-07-01", "2019-04-01"),
          VM_SIZES,
          List.of("2024-11-01", "2024-07-01", "2024-03-01", "2023-09-01", "2023-03-01"),
          SUBSCRIPTIONS,
          List.of("2022-12-01", "2021-01-01", "2020-01-01", "2019-11-01", "2016-06-01"));

  private ApiVersions() {}

  /** Returns the versions accepted for {@code resourceType}, newest first. */
  public static List<String> supported(String resourceType) {
    return SUPPORTED.get(resourceType);
  }

  /**
   * Checks the request's api-version for a resource type of a resource provider. ARM answers a
   * missing one with {@code MissingApiVersionParameter}, an unknown one for resource groups with
   * {@code InvalidApiVersionParameter} and for provider types with
   * {@code NoRegisteredProviderFound}.
   */
  static void check(ArmRequest request, String resourceType, String location) {
    String version =
        request
            .apiVersion()
            .orElseThrow(
                () ->
                    new ArmException(
                        400,
                        "MissingApiVersionParameter",
                        "The api-version query parameter (?api-version=) is required for all"
                            + " requests."));
    List<String> supported = supported(resourceType);
    if (supported.contains(version.toLowerCase(Locale.ROOT))) {
      return;
    }
    String list = String.join(", ", supported);
    if (resourceType.equals(RESOURCE_GROUPS) || resourceType.equals(SUBSCRIPTIONS)) {
      throw new ArmException(
          400,
          "InvalidApiVersionParameter",
          "The api-version '" + version + "' is invalid. The supported versions are '"
              + list + "'.");
    }
    throw new ArmException(
        400,
        "NoRegisteredProviderFound",
        "No registered resource provider found for location '" + location
            + "' and API version '" + version + "' for type '" + resourceType
            + "'. The supported api-versions are '" + list + "'. The supported locations are '"
            + String.join(", ", Locations.REGIONS) + "'.");
  }
}
