package dev.provisioner.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider may know about the run: the stack's resolved {@code azure} block, the working
 * folder, the environment and the manifest mirror.
 *
 * @param stackName the stack's name
 * @param stackDirectory folder of the stack file; relative paths in properties resolve against it
 * @param workingDirectory folder of tool data ({@code .provisioner/} by default): caches, sandbox
 * @param azure the resolved {@code azure} block of the stack (cloud, subscriptionId, credential,
 *     tenantId), empty when absent
 * @param environment the process environment
 * @param manifestMirror a folder laid out as {@code <component>/<version>/<file>}, if given
 * @param endpoints endpoints of services started for this run, by name; the sandbox publishes
 *     {@code arm} (its ARM URL) and {@code armCertificate} (PEM it must be trusted with) here
 */
public record RunSettings(
    String stackName,
    Path stackDirectory,
    Path workingDirectory,
    ObjectNode azure,
    Map<String, String> environment,
    Optional<Path> manifestMirror,
    Map<String, String> endpoints) {

  public RunSettings {
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(stackDirectory, "stackDirectory");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(azure, "azure");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(manifestMirror, "manifestMirror");
    endpoints = Map.copyOf(endpoints);
  }
}
