package dev.provisioner.provider.istio;

import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ResourceType;
import java.util.List;

/** The {@code istio} provider: a self-managed Istio control plane and ingress gateway. */
public final class IstioProvider implements Provider {

  @Override
  public String id() {
    return "istio";
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return List.of(new IstioInstallType());
  }
}
