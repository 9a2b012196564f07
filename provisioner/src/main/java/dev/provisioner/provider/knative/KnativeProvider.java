package dev.provisioner.provider.knative;

import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ResourceType;
import java.util.List;

/** The {@code knative} provider: Knative Serving and Knative services. */
public final class KnativeProvider implements Provider {

  @Override
  public String id() {
    return "knative";
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return List.of(new ServingType(), new ServiceType());
  }
}
