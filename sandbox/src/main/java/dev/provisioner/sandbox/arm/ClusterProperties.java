package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The properties AKS computes for a managed cluster: versions, FQDNs, node resource group,
 * identities, network defaults, OIDC issuer, add-on identities and Istio revisions. Values
 * computed at creation (FQDN suffix, identities, issuer URL) are kept on every update.
 */
final class ClusterProperties {

  private final ArmContext context;

  ClusterProperties(ArmContext context) {
    this.context = context;
  }

  void fill(
      ObjectNode cluster,
      ObjectNode body,
      ObjectNode requested,
      Optional<ObjectNode> previous,
      String resourceGroup,
      String version,
      List<ObjectNode> pools) {
    String name = cluster.get("name").asText();
    String location = cluster.get("location").asText();
    ObjectNode properties = requested.deepCopy();
    removeSecrets(properties);

    properties.put(
        "kubernetesVersion",
        requested.path("kubernetesVersion").asText("").isEmpty()
            ? version
            : requested.get("kubernetesVersion").asText());
    properties.put("currentKubernetesVersion", version);
    properties.put("enableRBAC", requested.path("enableRBAC").asBoolean(true));
    properties.put("maxAgentPools", 100);
    Json.putDefault(properties, "supportPlan", "KubernetesOfficial");
    Json.putDefaultBoolean(properties, "disableLocalAccounts", false);

    String dnsPrefix =
        properties.path("dnsPrefix").asText(previous.map(p -> p.path("dnsPrefix").asText())
            .orElse(""));
    properties.put("dnsPrefix", dnsPrefix);
    String suffix =
        previous
            .map(p -> p.path("fqdn").asText(""))
            .filter(fqdn -> fqdn.contains("."))
            .map(fqdn -> fqdn.substring(dnsPrefix.length() + 1, fqdn.indexOf('.')))
            .orElseGet(() -> ManagedClusters.randomHex(8));
    properties.put("fqdn", dnsPrefix + "-" + suffix + ".hcp." + location + ".azmk8s.io");
    properties.put(
        "azurePortalFQDN", dnsPrefix + "-" + suffix + ".portal.hcp." + location + ".azmk8s.io");
    if (properties.path("apiServerAccessProfile").path("enablePrivateCluster").asBoolean(false)) {
      properties.put(
          "privateFQDN",
          dnsPrefix + "-" + suffix + "." + UUID.nameUUIDFromBytes(name.getBytes(
              java.nio.charset.StandardCharsets.UTF_8)) + ".privatelink." + location
              + ".azmk8s.io");
    } else {
      properties.remove("privateFQDN");
    }
    String nodeResourceGroup =
        properties.path("nodeResourceGroup").asText("MC_" + resourceGroup + "_" + name + "_"
            + location);
    properties.put("nodeResourceGroup", nodeResourceGroup);
    keep(properties, previous, "resourceUID", ManagedClusters.randomHex(24));
    properties.putObject("powerState").put("code", "Running");
    if (!properties.has("autoUpgradeProfile")) {
      properties.putObject("autoUpgradeProfile").put("nodeOSUpgradeChannel", "NodeImage");
    }

    fillNetwork(properties, nodeResourceGroup);
    fillIdentity(cluster, body, properties, previous, nodeResourceGroup, name);
    fillOidcIssuer(properties, previous, location);
    fillAddons(properties, previous, nodeResourceGroup, name);
    fillServiceMesh(properties);

    ArrayNode poolArray = properties.putArray("agentPoolProfiles");
    pools.forEach(poolArray::add);
    cluster.set("properties", properties);
    if (!cluster.has("sku") || body.has("sku")) {
      ObjectNode sku = Json.object();
      sku.put("name", body.path("sku").path("name").asText("Base"));
      sku.put("tier", body.path("sku").path("tier").asText("Free"));
      cluster.set("sku", sku);
    }
    cluster.put("eTag", Etags.next());
  }

  private static void removeSecrets(ObjectNode properties) {
    JsonNode principal = properties.path("servicePrincipalProfile");
    if (principal instanceof ObjectNode object) {
      object.remove("secret");
    }
    JsonNode windows = properties.path("windowsProfile");
    if (windows instanceof ObjectNode object) {
      object.remove("adminPassword");
    }
  }

  private void fillNetwork(ObjectNode properties, String nodeResourceGroup) {
    ObjectNode network = properties.withObjectProperty("networkProfile");
    Json.putDefault(network, "networkPlugin", "kubenet");
    boolean overlay = network.path("networkPluginMode").asText("").equalsIgnoreCase("overlay");
    if (network.get("networkPlugin").asText().equalsIgnoreCase("kubenet") || overlay) {
      Json.putDefault(network, "podCidr", "10.244.0.0/16");
      if (!network.has("podCidrs")) {
        network.putArray("podCidrs").add(network.get("podCidr").asText());
      }
    }
    Json.putDefault(network, "serviceCidr", "10.0.0.0/16");
    if (!network.has("serviceCidrs")) {
      network.putArray("serviceCidrs").add(network.get("serviceCidr").asText());
    }
    Json.putDefault(network, "dnsServiceIP", "10.0.0.10");
    Json.putDefault(network, "outboundType", "loadBalancer");
    Json.putDefault(network, "loadBalancerSku", "standard");
    if (!network.has("ipFamilies")) {
      network.putArray("ipFamilies").add("IPv4");
    }
    if (network.path("outboundType").asText().equals("loadBalancer")) {
      ObjectNode balancer = network.withObjectProperty("loadBalancerProfile");
      int outboundIps = balancer.path("managedOutboundIPs").path("count").asInt(1);
      balancer.withObjectProperty("managedOutboundIPs").put("count", outboundIps);
      if (!balancer.has("effectiveOutboundIPs")) {
        ArrayNode effective = balancer.putArray("effectiveOutboundIPs");
        for (int i = 0; i < outboundIps; i++) {
          effective.addObject().put(
              "id",
              "/subscriptions/" + context.subscriptionId() + "/resourceGroups/"
                  + nodeResourceGroup + "/providers/Microsoft.Network/publicIPAddresses/"
                  + UUID.randomUUID());
        }
      }
      if (!balancer.has("allocatedOutboundPorts")) {
        balancer.put("allocatedOutboundPorts", 0);
      }
      if (!balancer.has("idleTimeoutInMinutes")) {
        balancer.put("idleTimeoutInMinutes", 30);
      }
      Json.putDefault(balancer, "backendPoolType", "nodeIPConfiguration");
    }
  }

  private void fillIdentity(
      ObjectNode cluster,
      ObjectNode body,
      ObjectNode properties,
      Optional<ObjectNode> previous,
      String nodeResourceGroup,
      String name) {
    JsonNode requested = body.path("identity");
    String type = requested.path("type").asText(
        cluster.path("identity").path("type").asText(
            properties.has("servicePrincipalProfile") ? "None" : "SystemAssigned"));
    if (type.equals("None")) {
      cluster.remove("identity");
      return;
    }
    ObjectNode identity =
        requested.isObject() ? ((ObjectNode) requested).deepCopy() : Json.object();
    identity.put("type", type);
    if (type.equals("SystemAssigned")) {
      identity.put(
          "principalId",
          cluster.path("identity").path("principalId").asText(UUID.randomUUID().toString()));
      identity.put("tenantId", context.tenantId());
    }
    if (type.equals("UserAssigned") && identity.path("userAssignedIdentities").isObject()) {
      JsonNode old = cluster.path("identity").path("userAssignedIdentities");
      identity.path("userAssignedIdentities").fields().forEachRemaining(entry -> {
        JsonNode kept = old.path(entry.getKey());
        ObjectNode value = Json.object();
        value.put("principalId", kept.path("principalId").asText(UUID.randomUUID().toString()));
        value.put("clientId", kept.path("clientId").asText(UUID.randomUUID().toString()));
        entry.setValue(value);
      });
    }
    cluster.set("identity", identity);
    if (!properties.has("servicePrincipalProfile")) {
      properties.putObject("servicePrincipalProfile").put("clientId", "msi");
    }
    JsonNode kubelet =
        previous.map(p -> p.path("identityProfile").path("kubeletidentity"))
            .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    if (kubelet.isObject()) {
      properties.withObjectProperty("identityProfile").set("kubeletidentity", kubelet.deepCopy());
    } else {
      properties.withObjectProperty("identityProfile")
          .set("kubeletidentity", managedIdentity(nodeResourceGroup, name + "-agentpool"));
    }
  }

  private void fillOidcIssuer(
      ObjectNode properties,
      Optional<ObjectNode> previous,
      String location) {
    // NOTE: the issuer is on unless the request turns it off, so every sandbox cluster has an
    // issuer URL to show; AKS creates clusters with it off when the request leaves it out.
    ObjectNode oidc = properties.withObjectProperty("oidcIssuerProfile");
    boolean enabled = oidc.path("enabled").asBoolean(true);
    oidc.put("enabled", enabled);
    if (!enabled) {
      oidc.remove("issuerURL");
      return;
    }
    String issuer =
        previous.map(p -> p.path("oidcIssuerProfile").path("issuerURL").asText(""))
            .filter(url -> !url.isEmpty())
            .orElseGet(
                () ->
                    "https://" + location + ".oic.prod-aks.azure.com/" + context.tenantId() + "/"
                        + UUID.randomUUID() + "/");
    oidc.put("issuerURL", issuer);
  }

  private void fillAddons(
      ObjectNode properties, Optional<ObjectNode> previous, String nodeResourceGroup, String name) {
    JsonNode addons = properties.path("addonProfiles");
    if (!addons.isObject()) {
      return;
    }
    addons.fields().forEachRemaining(
        entry -> {
          if (!(entry.getValue() instanceof ObjectNode addon)) {
            return;
          }
          boolean needsIdentity =
              entry.getKey().equalsIgnoreCase("omsagent")
                  || entry.getKey().equalsIgnoreCase("aciConnectorLinux");
          if (!needsIdentity || !addon.path("enabled").asBoolean(false)) {
            addon.remove("identity");
            return;
          }
          JsonNode old =
              previous.map(p -> ClusterNodes.addon(p, entry.getKey()).path("identity"))
                  .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
          addon.set(
              "identity",
              old.isObject()
                  ? old.deepCopy()
                  : managedIdentity(nodeResourceGroup,
                      entry.getKey().toLowerCase(java.util.Locale.ROOT) + "-" + name));
        });
  }

  private static void fillServiceMesh(ObjectNode properties) {
    JsonNode mesh = properties.path("serviceMeshProfile");
    if (!(mesh instanceof ObjectNode meshObject)) {
      return;
    }
    if (!meshObject.path("mode").asText("Disabled").equals("Istio")) {
      return;
    }
    ObjectNode istio = meshObject.withObjectProperty("istio");
    if (!istio.path("revisions").isArray() || istio.path("revisions").isEmpty()) {
      istio.putArray("revisions").add(ClusterRules.ISTIO_REVISIONS.get(1));
    }
  }

  private ObjectNode managedIdentity(String nodeResourceGroup, String identityName) {
    ObjectNode identity = Json.object();
    identity.put(
        "resourceId",
        "/subscriptions/" + context.subscriptionId() + "/resourcegroups/" + nodeResourceGroup
            + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + identityName);
    identity.put("clientId", UUID.randomUUID().toString());
    identity.put("objectId", UUID.randomUUID().toString());
    return identity;
  }

  private static void keep(
      ObjectNode properties, Optional<ObjectNode> previous, String field, String fallback) {
    properties.put(field, previous.map(p -> p.path(field).asText(fallback)).orElse(fallback));
  }
}
