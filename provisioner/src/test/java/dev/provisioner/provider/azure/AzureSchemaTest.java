package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AzureSchemaTest {

  private static Map<String, ResourceSchema> schemas() {
    return new AzureProvider().resourceTypes().stream()
        .map(ResourceType::schema)
        .collect(Collectors.toMap(ResourceSchema::type, schema -> schema));
  }

  private static FieldSchema field(String type, String path) {
    String[] steps = path.split("\\.");
    FieldSchema field = schemas().get(type).field(steps[0]).orElseThrow();
    for (int i = 1; i < steps.length; i++) {
      field = field.field(steps[i]).orElseThrow();
    }
    return field;
  }

  @Test
  void providerIsFoundThroughServiceLoader() {
    List<String> ids = ServiceLoader.load(Provider.class).stream()
        .map(provider -> provider.get().id())
        .collect(Collectors.toList());

    assertTrue(ids.contains("azure"), ids.toString());
  }

  @Test
  void providerServesTheFiveAzureTypes() {
    assertEquals(
        java.util.Set.of("azure.resourceGroup", "azure.logAnalyticsWorkspace",
            "azure.virtualNetwork", "azure.aksCluster", "azure.aksNodePool"),
        schemas().keySet());
  }

  @Test
  void everyInputFieldNamesItsArmField() {
    for (ResourceSchema schema : schemas().values()) {
      for (FieldSchema field : schema.fields()) {
        assertFalse(field.apiField().isEmpty(), schema.type() + "." + field.name());
      }
    }
  }

  @Test
  void armFixedFieldsForceReplacement() {
    assertTrue(field("azure.aksCluster", "location").forceNew());
    assertTrue(field("azure.aksCluster", "dnsPrefix").forceNew());
    assertTrue(field("azure.aksCluster", "network.plugin").forceNew());
    assertTrue(field("azure.aksCluster", "defaultNodePool.vmSize").forceNew());
    assertTrue(field("azure.aksCluster", "defaultNodePool.osDiskSizeGB").forceNew());
    assertTrue(field("azure.aksNodePool", "vmSize").forceNew());
    assertTrue(field("azure.aksNodePool", "osDiskSizeGB").forceNew());
  }

  @Test
  void scalingTagsAndAddonsChangeInPlace() {
    assertFalse(field("azure.aksCluster", "defaultNodePool.count").forceNew());
    assertFalse(field("azure.aksCluster", "defaultNodePool.autoscaling").forceNew());
    assertFalse(field("azure.aksCluster", "tags").forceNew());
    assertFalse(field("azure.aksCluster", "virtualNodes").forceNew());
    assertFalse(field("azure.aksCluster", "monitoring").forceNew());
    assertFalse(field("azure.aksCluster", "kubernetesVersion").forceNew());
    assertFalse(field("azure.aksNodePool", "count").forceNew());
  }

  @Test
  void kubeconfigIsComputedAndSensitive() {
    FieldSchema kubeconfig = field("azure.aksCluster", "kubeconfig");

    assertTrue(kubeconfig.computed());
    assertTrue(kubeconfig.sensitive());
  }

  @Test
  void workspaceSkuDefaultsToPerGb2018() {
    assertEquals("PerGB2018",
        field("azure.logAnalyticsWorkspace", "sku").defaultIfAny().orElseThrow().asText());
  }
}
