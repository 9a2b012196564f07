package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.ProviderRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a stack file into a {@link Stack}: reads the YAML with positions, resolves variables,
 * environment values and modules, and checks every property against the provider schemas,
 * every reference against the resources it names and the graph for cycles. Contacts nothing.
 *
 * <p>Usage: {@code new StackLoader(ProviderRegistry.load()).load(path, inputs)}.
 */
public final class StackLoader {

  private static final Logger log = LoggerFactory.getLogger(StackLoader.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The keys a stack file may have at its top level. */
  public static final List<String> TOP_LEVEL_KEYS = List.of(
      "stack", "description", "backend", "azure", "variables", "modules", "resources",
      "outputs");

  private final ProviderRegistry registry;
  private final Path displayBase;

  /** Creates a loader that shows file names relative to the current folder. */
  public StackLoader(ProviderRegistry registry) {
    this(registry, Path.of(""));
  }

  /**
   * Creates a loader.
   *
   * @param displayBase folder that file names in messages are shown relative to, usually the
   *     working folder ({@code --chdir})
   */
  public StackLoader(ProviderRegistry registry, Path displayBase) {
    this.registry = registry;
    this.displayBase = displayBase;
  }

  /**
   * Loads and checks the stack in {@code file}.
   *
   * @throws ConfigException with every problem found, each naming {@code file:line:column}
   */
  public Stack load(Path file, VariableInputs inputs) {
    long started = System.nanoTime();
    YamlReader reader = new YamlReader(displayBase);
    LoadContext context = new LoadContext(registry, reader, inputs.environment());
    context.files.add(file);

    YamlNode.Mapping root = YamlFields.mapping(reader.read(file, "stack file"), "a stack file");
    YamlFields.checkKeys(root, TOP_LEVEL_KEYS, "top-level key", "");
    String name = YamlFields.requiredString(root, "stack", "top-level key 'stack'",
        "add 'stack: NAME' at the top; the name identifies the stack's state");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new ConfigException(root.entries().get("stack").position(),
          "invalid stack name '" + name + "'",
          "use letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    String description =
        YamlFields.optionalString(root, "description", "description").orElse("");

    Map<String, VariableDeclaration> declarations =
        Variables.declarations(YamlFields.mapping(root, "variables", "variables"), "variable");
    List<Path> variableFiles = new ArrayList<>();
    Map<String, JsonNode> values =
        Variables.resolve(declarations, inputs, reader, file, variableFiles);
    context.files.addAll(variableFiles);
    Map<String, Expr> variables = new LinkedHashMap<>();
    values.forEach((key, value) ->
        variables.put(key, new Expr.Literal(value, declarations.get(key).position(),
            declarations.get(key).sensitive())));

    Scope scope = new Scope(context, List.of(), file, variables);
    scope.declareModules(YamlFields.mapping(root, "modules", "modules"));
    scope.readResources(YamlFields.mapping(root, "resources", "resources"));
    scope.loadModules();
    List<OutputConfig> outputs = scope.readOutputs(YamlFields.mapping(root, "outputs",
        "outputs"));
    for (OutputConfig output : outputs) {
      if (!output.sensitive() && Expressions.holdsSensitiveValue(output.value())) {
        throw new ConfigException(output.value().position(), "output '" + output.name()
            + "' uses a sensitive variable, so its value would be printed",
            "mark the output sensitive: true");
      }
    }
    Optional<BackendConfig> backend = Blocks.backend(root, scope);
    ObjectNode azure = Blocks.azure(root, scope);

    List<ResourceConfig> resources = resolveDependencies(scope.allResources());
    List<OutputConfig> checkedOutputs = new ArrayList<>(outputs);
    checkedOutputs.addAll(scope.allModuleOutputs());
    new StackChecker(registry).check(resources, checkedOutputs);

    // Variable files are left out of the hash because their effect is in the values, so a
    // saved plan that carries the values matches the stack loaded from them at apply.
    List<Path> sourceFiles = new ArrayList<>(context.files);
    sourceFiles.removeAll(variableFiles);
    String hash = sourceHash(sourceFiles, values);
    Stack stack = new Stack(name, description, file.toAbsolutePath().normalize(), backend,
        azure, resources, outputs, hash);
    log.debug("loaded {} ({} resources, {} files) in {} ms", reader.displayPath(file),
        resources.size(), context.files.size(), (System.nanoTime() - started) / 1_000_000);
    return stack;
  }

  /**
   * Resolves the variables of the stack in {@code file} from {@code inputs} as {@link #load}
   * does, without loading the rest of the stack.
   *
   * @throws ConfigException for an undeclared or invalid value or a variable left without one
   */
  public Map<String, VariableValue> resolveVariables(Path file, VariableInputs inputs) {
    YamlReader reader = new YamlReader(displayBase);
    YamlNode.Mapping root = YamlFields.mapping(reader.read(file, "stack file"), "a stack file");
    Map<String, VariableDeclaration> declarations =
        Variables.declarations(YamlFields.mapping(root, "variables", "variables"), "variable");
    Map<String, JsonNode> values =
        Variables.resolve(declarations, inputs, reader, file, new ArrayList<>());
    Map<String, VariableValue> result = new LinkedHashMap<>();
    values.forEach((name, value) ->
        result.put(name, new VariableValue(value, declarations.get(name).sensitive())));
    return result;
  }

  private static List<ResourceConfig> resolveDependencies(
      List<LoadContext.PendingResource> pendingResources) {
    List<ResourceAddress> all =
        pendingResources.stream().map(LoadContext.PendingResource::address).toList();
    List<ResourceConfig> resources = new ArrayList<>();
    for (LoadContext.PendingResource pending : pendingResources) {
      Set<ResourceAddress> dependsOn = new LinkedHashSet<>();
      for (YamlNode.Scalar entry : pending.dependsOn()) {
        List<ResourceAddress> targets = pending.scope().dependencyTargets(entry, all);
        if (targets.contains(pending.address())) {
          throw new ConfigException(entry.position(),
              "resource '" + pending.address() + "' depends on itself",
              "remove it from its own dependsOn");
        }
        dependsOn.addAll(targets);
      }
      resources.add(new ResourceConfig(pending.address(), pending.type(), pending.properties(),
          List.copyOf(dependsOn), pending.lifecycle(), pending.position()));
    }
    return resources;
  }

  // SHA-256 over each file's name and bytes, then the variable values by name, so that a saved
  // plan can tell whether the stack it was made from has changed.
  private static String sourceHash(List<Path> files, Map<String, JsonNode> values) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files) {
        digest.update(file.toAbsolutePath().normalize().toString()
            .getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(YamlReader.bytes(file));
        digest.update((byte) 0);
      }
      // NOTE: sensitive values are hashed too, unsalted, so that a changed secret makes a saved
      // plan stale. Whoever holds the plan file and the stack sources can therefore test
      // guesses of a short secret against the plan's stackHash.
      ObjectNode sorted = JSON.objectNode();
      new TreeMap<>(values).forEach(sorted::set);
      digest.update(sorted.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
