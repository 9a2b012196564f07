package dev.provisioner.config;

import dev.provisioner.provider.ProviderRegistry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** The state that one {@link StackLoader#load} run shares across the stack file and its modules. */
final class LoadContext {

  final ProviderRegistry registry;
  final YamlReader reader;
  final Map<String, String> environment;
  /** Every file read, in reading order, for the source hash. */
  final List<Path> files = new ArrayList<>();
  /** The module files being read, outermost first, to reject a module that includes itself. */
  final Deque<Path> moduleChain = new ArrayDeque<>();

  LoadContext(ProviderRegistry registry, YamlReader reader, Map<String, String> environment) {
    this.registry = registry;
    this.reader = reader;
    this.environment = environment;
  }

  /**
   * A resource as read, before {@code dependsOn} names are turned into addresses, which needs
   * every module to be read first.
   */
  record PendingResource(
      ResourceAddress address,
      String type,
      Expr.ObjectExpr properties,
      List<YamlNode.Scalar> dependsOn,
      Lifecycle lifecycle,
      SourcePosition position,
      Scope scope) {}
}
