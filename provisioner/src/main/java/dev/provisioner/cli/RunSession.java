package dev.provisioner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.Stack;
import dev.provisioner.plan.RunContext;
import dev.provisioner.plan.TypeLookup;
import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ProviderRegistry;
import dev.provisioner.provider.RunSettings;
import dev.provisioner.provider.kubernetes.ManifestStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one command run shares: the provider registry, the {@link RunSettings} the
 * providers are configured with, and the {@link RunContext} of their calls. This is the one
 * place that builds them, and where the sandbox starts when the stack selects it. Closing it
 * closes the run-scoped objects, the providers and the sandbox.
 */
final class RunSession implements AutoCloseable {

  /** Environment variable naming the manifest mirror folder. */
  static final String MANIFEST_MIRROR_VARIABLE = ManifestStore.MIRROR_VARIABLE;

  private static final Logger log = LoggerFactory.getLogger(RunSession.class);

  private final ProviderRegistry registry;
  private final RunSettings settings;
  private final RunContext context;
  private final SandboxSession sandbox;

  private RunSession(ProviderRegistry registry, RunSettings settings, SandboxSession sandbox) {
    this.registry = registry;
    this.settings = settings;
    this.context = new RunContext(settings, RunContext.DEFAULT_TIMEOUT);
    this.sandbox = sandbox;
  }

  /** Opens the session for {@code stack}, configuring every provider once. */
  static RunSession open(ProviderRegistry registry, Stack stack, Map<String, String> environment) {
    Path stackDirectory = stack.file().toAbsolutePath().getParent();
    Path workingDirectory = stackDirectory.resolve(".provisioner");
    // The sandbox (azure.cloud: sandbox) starts before any provider call and publishes arm,
    // armCertificate, armToken and subscriptionId; for other clouds nothing starts.
    SandboxSession sandbox = SandboxSession.start(stack.azure(), workingDirectory);
    Map<String, String> endpoints = new LinkedHashMap<>(sandbox.endpoints());
    Optional<Path> mirror = Optional.ofNullable(environment.get(MANIFEST_MIRROR_VARIABLE))
        .filter(value -> !value.isBlank())
        .map(value -> stackDirectory.resolve(value).normalize());
    RunSettings settings = new RunSettings(
        stack.name(),
        stackDirectory,
        workingDirectory,
        (ObjectNode) stack.azure().deepCopy(),
        environment,
        mirror,
        endpoints);
    for (Provider provider : registry.providers()) {
      provider.configure(settings);
    }
    return new RunSession(registry, settings, sandbox);
  }

  /** Returns the lookup of resource types the engine uses. */
  TypeLookup types() {
    return registry::type;
  }

  ProviderRegistry registry() {
    return registry;
  }

  RunSettings settings() {
    return settings;
  }

  RunContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
    for (Provider provider : registry.providers()) {
      try {
        provider.close();
      } catch (RuntimeException e) {
        log.warn("closing provider {} failed: {}", provider.id(), e.toString());
      }
    }
    sandbox.close();
  }
}
