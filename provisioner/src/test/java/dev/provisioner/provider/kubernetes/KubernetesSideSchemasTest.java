package dev.provisioner.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ResourceType;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KubernetesSideSchemasTest {

  private static Map<String, ResourceType> loadTypes() {
    Map<String, ResourceType> types = new TreeMap<>();
    for (Provider provider : ServiceLoader.load(Provider.class)) {
      for (ResourceType type : provider.resourceTypes()) {
        types.put(type.schema().type(), type);
      }
    }
    return types;
  }

  @Test
  void serviceLoaderFindsEveryKubernetesSideType() {
    Map<String, ResourceType> types = loadTypes();

    for (String name :
        new String[] {
          "kubernetes.manifest", "istio.install", "knative.serving", "knative.service"
        }) {
      assertTrue(types.containsKey(name), name + " is not registered");
    }
  }

  @Test
  void everyTypeTakesClusterAsResourceReference() {
    Map<String, ResourceType> types = loadTypes();

    for (String name :
        new String[] {
          "kubernetes.manifest", "istio.install", "knative.serving", "knative.service"
        }) {
      var cluster = types.get(name).schema().field("cluster").orElseThrow();
      assertEquals(FieldType.RESOURCE, cluster.type(), name);
      assertTrue(cluster.field("kubeconfig").isPresent(), name);
      assertTrue(cluster.field("context").isPresent(), name);
    }
  }

  @Test
  void everyTypeDeclaresComputedDigestsAndInventory() {
    Map<String, ResourceType> types = loadTypes();

    for (String name :
        new String[] {
          "kubernetes.manifest", "istio.install", "knative.serving", "knative.service"
        }) {
      var schema = types.get(name).schema();
      assertTrue(schema.field(CommonFields.OBJECT_DIGESTS).orElseThrow().computed(), name);
      assertTrue(schema.field(CommonFields.INVENTORY).orElseThrow().computed(), name);
    }
  }
}
