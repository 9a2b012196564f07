package dev.provisioner.provider.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerservice.models.KubernetesVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The offerings of one region, requested from ARM once per run and location: the Kubernetes
 * versions of AKS ({@code Microsoft.ContainerService/locations/{location}/kubernetesVersions})
 * and the VM sizes of the region ({@code Microsoft.Compute/locations/{location}/vmSizes}).
 */
final class RegionOfferings {

  /** The Compute api-version of the VM size list; no management library here covers it. */
  static final String COMPUTE_API_VERSION = "2024-07-01";

  /** A VM size with what the System pool rules need to know of it. */
  record VmSize(String name, int cores, int memoryInMB) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AzureClients clients;
  private final String location;
  private Map<String, Set<String>> kubernetesVersions;
  private Map<String, VmSize> vmSizes;

  private RegionOfferings(AzureClients clients, String location) {
    this.clients = clients;
    this.location = location;
  }

  /** Returns the run's offerings of {@code location}. */
  static RegionOfferings of(OperationContext context, String location) {
    String normalized = AzureFields.normalizedLocation(location);
    return context.shared("azure.offerings." + normalized, RegionOfferings.class,
        () -> new RegionOfferings(AzureClients.of(context), normalized));
  }

  /** Returns the offered minor versions, each with its patch versions. */
  synchronized Map<String, Set<String>> kubernetesVersions() {
    if (kubernetesVersions == null) {
      Map<String, Set<String>> versions = new TreeMap<>();
      var result = ArmErrors.call("listing Kubernetes versions in " + location,
          () -> clients.containerService().serviceClient().getManagedClusters()
              .listKubernetesVersions(location));
      for (KubernetesVersion version : Props.orEmpty(result.values())) {
        var patches = Props.orEmpty(version.patchVersions()).keySet();
        versions.put(version.version(), new TreeSet<>(patches));
      }
      kubernetesVersions = versions;
    }
    return kubernetesVersions;
  }

  /**
   * Returns the problem with {@code version} in this region, or empty when AKS offers it. A
   * MAJOR.MINOR version must be offered; a MAJOR.MINOR.PATCH version must be one of its patches.
   */
  Optional<String> checkKubernetesVersion(String version) {
    Map<String, Set<String>> offered = kubernetesVersions();
    String[] parts = version.split("\\.");
    String minor = parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    Set<String> patches = offered.get(minor);
    if (patches == null) {
      return Optional.of("Kubernetes " + version + " is not offered by AKS in " + location
          + "; offered versions: " + String.join(", ", offered.keySet()));
    }
    if (parts.length == 3 && !patches.contains(version)) {
      return Optional.of("Kubernetes " + version + " is not offered by AKS in " + location
          + "; patches of " + minor + ": " + String.join(", ", patches));
    }
    return Optional.empty();
  }

  /** Returns the VM sizes of the region by name. */
  synchronized Map<String, VmSize> vmSizes() {
    if (vmSizes == null) {
      vmSizes = ArmErrors.call("listing VM sizes in " + location, this::fetchVmSizes);
    }
    return vmSizes;
  }

  private Map<String, VmSize> fetchVmSizes() {
    String url = clients.resourceManagerEndpoint() + "/subscriptions/"
        + clients.subscriptionId() + "/providers/Microsoft.Compute/locations/"
        + URLEncoder.encode(location, StandardCharsets.UTF_8) + "/vmSizes?api-version="
        + COMPUTE_API_VERSION;
    try (HttpResponse response =
        clients.pipeline().sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
      JsonNode body = MAPPER.readTree(bodyOf(response));
      if (response.getStatusCode() / 100 != 2) {
        throw new ProviderException(
            body.path("error").path("code").asText("Http" + response.getStatusCode()),
            "listing VM sizes in " + location + " failed: HTTP " + response.getStatusCode() + ": "
                + body.path("error").path("message").asText(""));
      }
      Map<String, VmSize> sizes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (JsonNode size : body.path("value")) {
        sizes.put(size.path("name").asText(), new VmSize(size.path("name").asText(),
            size.path("numberOfCores").asInt(), size.path("memoryInMB").asInt()));
      }
      return sizes;
    } catch (IOException e) {
      throw new ProviderException("InvalidResponse",
          "listing VM sizes in " + location + " returned a body that is not JSON: " + e, e);
    }
  }

  private static String bodyOf(HttpResponse response) {
    String body = response.getBodyAsBinaryData().toString();
    return body == null || body.isBlank() ? "{}" : body;
  }

  /**
   * Returns the problem with {@code vmSize} for a pool, or empty when the region offers it and
   * it fits the pool. AKS requires System pool VMs to have at least 2 vCPUs and 4 GB of memory.
   */
  Optional<String> checkVmSize(String vmSize, boolean system) {
    // NOTE: a size on the Compute list can still fail at create time, for example when the
    // subscription has no quota for its family; ARM reports that with its own error code.
    VmSize size = vmSizes().get(vmSize);
    if (size == null) {
      return Optional.of("VM size " + vmSize + " is not offered in " + location
          + "; list the sizes with: az vm list-sizes --location " + location);
    }
    if (system && (size.cores() < 2 || size.memoryInMB() < 4096)) {
      return Optional.of("VM size " + vmSize + " has " + size.cores() + " vCPUs and "
          + size.memoryInMB() + " MB; System pools need at least 2 vCPUs and 4096 MB");
    }
    return Optional.empty();
  }
}
