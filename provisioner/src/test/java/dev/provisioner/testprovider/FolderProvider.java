package dev.provisioner.testprovider;

import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ResourceType;
import java.util.List;

/**
 * A provider for engine tests, with one resource type {@code folder.thing} whose "remote"
 * resources are JSON files in a folder, so that separate processes see the same world. See
 * {@link ThingType} for the fields and for how tests make calls slow or fail.
 */
public final class FolderProvider implements Provider {

  @Override
  public String id() {
    return "folder";
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return List.of(new ThingType());
  }
}
