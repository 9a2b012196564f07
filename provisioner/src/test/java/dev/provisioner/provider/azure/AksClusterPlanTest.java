package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.RunSettings;
import dev.provisioner.provider.Values;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plan rules that depend only on the prior state; none of these cases contacts ARM. */
class AksClusterPlanTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";

  private final AksClusterType type = new AksClusterType();
  private final TestContext context = new TestContext(new RunSettings("test", Path.of("."),
      Path.of(".provisioner"), Stacks.yaml("{ cloud: sandbox }"), Map.of(), Optional.empty(),
      Map.of()));

  private static ObjectNode prior() {
    ObjectNode prior = Stacks.seedCluster(SUBSCRIPTION);
    prior.put("id", "/subscriptions/" + SUBSCRIPTION + "/resourcegroups/knative-dev-rg/providers"
        + "/Microsoft.ContainerService/managedClusters/knative-dev");
    prior.put("kubeconfig", "apiVersion: v1");
    return prior;
  }

  @Test
  void turningRbacOffIsRejected() {
    ObjectNode desired = Stacks.seedCluster(SUBSCRIPTION);
    desired.set("rbac", Stacks.yaml("{ enabled: false }"));

    ProviderException error = assertThrows(ProviderException.class,
        () -> type.plan(context, desired, Optional.of(prior())));

    assertEquals("OperationNotAllowed", error.code());
  }

  @Test
  void skippingAMinorVersionIsRejected() {
    ObjectNode desired = Stacks.seedCluster(SUBSCRIPTION);
    desired.put("kubernetesVersion", "1.35");

    ProviderException error = assertThrows(ProviderException.class,
        () -> type.plan(context, desired, Optional.of(prior())));

    assertTrue(error.getMessage().contains("next step is 1.34"), error.getMessage());
  }

  @Test
  void downgradingIsRejected() {
    ObjectNode desired = Stacks.seedCluster(SUBSCRIPTION);
    desired.put("kubernetesVersion", "1.32");

    ProviderException error = assertThrows(ProviderException.class,
        () -> type.plan(context, desired, Optional.of(prior())));

    assertTrue(error.getMessage().contains("cannot be downgraded"), error.getMessage());
  }

  @Test
  void startSizeChangeUnderAutoscalerIsNoChange() {
    ObjectNode desired = Stacks.seedCluster(SUBSCRIPTION);
    ((ObjectNode) desired.get("defaultNodePool")).put("count", 5);

    ObjectNode planned = type.plan(context, desired, Optional.of(prior()));

    assertEquals(3, planned.at("/defaultNodePool/count").asInt());
  }

  @Test
  void updateKeepsComputedAttributes() {
    ObjectNode desired = Stacks.seedCluster(SUBSCRIPTION);
    desired.set("tags", Stacks.yaml("{ env: staging }"));

    ObjectNode planned = type.plan(context, desired, Optional.of(prior()));

    assertEquals(prior().get("id"), planned.get("id"));
  }

  @Test
  void forceNewChangeLeavesComputedAttributesUnknown() {
    ObjectNode desired = Stacks.seedCluster(SUBSCRIPTION);
    desired.put("dnsPrefix", "knative-dev-2");
    // Without a location and virtual nodes the plan has nothing to ask ARM.
    desired.remove("location");
    desired.remove("virtualNodes");

    ObjectNode planned = type.plan(context, desired, Optional.of(prior()));

    assertTrue(Values.isUnknown(planned.get("id")));
    assertTrue(Values.isUnknown(planned.get("kubeconfig")));
  }
}
