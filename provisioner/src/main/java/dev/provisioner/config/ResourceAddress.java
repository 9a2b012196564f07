package dev.provisioner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The address of a resource: its name, prefixed by the modules it sits in, for example
 * {@code aks} or {@code module.platform.knative}.
 *
 * @param modulePath names of the enclosing module instances, outermost first
 * @param name the resource's name within its module
 */
public record ResourceAddress(List<String> modulePath, String name) implements
    Comparable<ResourceAddress> {

  public ResourceAddress {
    modulePath = List.copyOf(modulePath);
    Objects.requireNonNull(name, "name");
  }

  /** Returns the address of a resource at the top level of the stack. */
  public static ResourceAddress of(String name) {
    return new ResourceAddress(List.of(), name);
  }

  /**
   * Parses {@code module.a.module.b.name}.
   *
   * @throws IllegalArgumentException when the text is not an address
   */
  public static ResourceAddress parse(String text) {
    String[] parts = text.split("\\.", -1);
    List<String> modules = new ArrayList<>();
    int i = 0;
    while (i + 2 < parts.length + 1 && i + 1 < parts.length && parts[i].equals("module")) {
      modules.add(parts[i + 1]);
      i += 2;
    }
    if (i != parts.length - 1 || parts[i].isEmpty()) {
      throw new IllegalArgumentException(
          "invalid resource address '" + text + "': expected NAME or module.MODULE.NAME");
    }
    return new ResourceAddress(modules, parts[i]);
  }

  /** Returns the address of {@code name} inside the same module as this one. */
  public ResourceAddress sibling(String name) {
    return new ResourceAddress(modulePath, name);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (String module : modulePath) {
      text.append("module.").append(module).append('.');
    }
    return text.append(name).toString();
  }

  @Override
  public int compareTo(ResourceAddress other) {
    return toString().compareTo(other.toString());
  }
}
