package dev.provisioner.provider.kubernetes;

import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ResourceType;
import java.util.List;

/** The {@code kubernetes} provider: arbitrary Kubernetes objects from manifests. */
public final class KubernetesProvider implements Provider {

  @Override
  public String id() {
    return "kubernetes";
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return List.of(new ManifestType());
  }
}
