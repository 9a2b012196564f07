package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provisioner.provider.ResourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One file being read, the stack file or one module instance: its modules, resources and
 * outputs. {@link Substitution} converts its YAML values into {@link Expr}s.
 */
final class Scope {

  static final List<String> MODULE_KEYS =
      List.of("description", "inputs", "modules", "resources", "outputs");
  private static final List<String> MODULE_CALL_KEYS = List.of("source", "inputs");
  private static final List<String> RESOURCE_KEYS =
      List.of("type", "properties", "dependsOn", "lifecycle");
  private static final List<String> LIFECYCLE_KEYS =
      List.of("preventDestroy", "ignoreChanges", "createBeforeDestroy");
  private static final List<String> OUTPUT_KEYS = List.of("value", "description", "sensitive");

  private final LoadContext context;
  private final List<String> modulePath;
  private final Path file;
  private final Map<String, ModuleCall> moduleCalls = new LinkedHashMap<>();
  private final Map<String, Map<String, Expr>> moduleOutputs = new LinkedHashMap<>();
  private final Set<String> modulesLoading = new HashSet<>();
  private final Map<String, SourcePosition> resourceNames = new LinkedHashMap<>();
  private final List<LoadContext.PendingResource> resources = new ArrayList<>();
  private final Map<String, Scope> children = new LinkedHashMap<>();
  private final Substitution substitution;

  Scope(LoadContext context, List<String> modulePath, Path file, Map<String, Expr> variables) {
    this.context = context;
    this.modulePath = List.copyOf(modulePath);
    this.file = file;
    this.substitution = new Substitution(modulePath, variables,
        modulePath.isEmpty() ? "variable" : "input", context.environment, this::module);
  }

  // ---------------------------------------------------------------- modules

  /** A module named in a {@code modules:} block. */
  private record ModuleCall(
      String name, YamlNode.Scalar source, YamlNode.Mapping inputs, SourcePosition position) {}

  /** Records the modules of a {@code modules:} block; each is read when first needed. */
  void declareModules(YamlNode.Mapping block) {
    for (Map.Entry<String, YamlNode> entry : block.entries().entrySet()) {
      String name = entry.getKey();
      SourcePosition position = block.keyPosition(name);
      checkName(name, position, "module");
      YamlNode.Mapping call = YamlFields.mapping(entry.getValue(), "module '" + name + "'");
      YamlFields.checkKeys(call, MODULE_CALL_KEYS, "key", " in module '" + name + "'");
      YamlNode source = call.entries().get("source");
      if (!(source instanceof YamlNode.Scalar scalar) || !scalar.value().isTextual()) {
        throw new ConfigException(source == null ? position : source.position(),
            "module '" + name + "' needs 'source', the folder holding its module.yaml",
            "add source: ../modules/NAME");
      }
      YamlNode.Mapping inputs = YamlFields.mapping(call, "inputs", "inputs of module '" + name
          + "'");
      moduleCalls.put(name, new ModuleCall(name, scalar, inputs, position));
    }
  }

  /** Reads every declared module not read yet, in declaration order. */
  void loadModules() {
    for (String name : moduleCalls.keySet()) {
      module(name, moduleCalls.get(name).position());
    }
  }

  private Map<String, Expr> module(String name, SourcePosition usedAt) {
    Map<String, Expr> outputs = moduleOutputs.get(name);
    if (outputs != null) {
      return outputs;
    }
    ModuleCall call = moduleCalls.get(name);
    if (call == null) {
      throw new ConfigException(usedAt, "reference to undefined module '" + name + "'",
          Suggestions.fix(name, moduleCalls.keySet(), "module"));
    }
    if (!modulesLoading.add(name)) {
      throw new ConfigException(call.position(),
          "module '" + name + "' takes an input from its own outputs",
          "break the loop between the module's inputs and outputs");
    }
    outputs = readModule(call);
    modulesLoading.remove(name);
    moduleOutputs.put(name, outputs);
    return outputs;
  }

  private Map<String, Expr> readModule(ModuleCall call) {
    String source = call.source().value().asText();
    Path folder = file.toAbsolutePath().getParent().resolve(source).normalize();
    if (!Files.isDirectory(folder)) {
      String resolved = context.reader.displayPath(folder).toString();
      throw new ConfigException(call.source().position(),
          "module folder '" + source + "' not found"
              + (resolved.equals(source) ? "" : " (resolved to " + resolved + ")"),
          "give 'source' as a folder relative to this file");
    }
    Path moduleFile = folder.resolve("module.yaml");
    if (!Files.isRegularFile(moduleFile)) {
      throw new ConfigException(call.source().position(),
          "module folder '" + source + "' has no module.yaml",
          "create " + context.reader.displayPath(moduleFile));
    }
    if (context.moduleChain.contains(moduleFile)) {
      throw new ConfigException(call.source().position(),
          "module '" + call.name() + "' includes itself through " + source,
          "remove the module from its own module.yaml");
    }

    context.files.add(moduleFile);
    YamlNode.Mapping root =
        YamlFields.mapping(context.reader.read(moduleFile, "module file"), "a module file");
    YamlFields.checkKeys(root, MODULE_KEYS, "top-level key", " in a module file");
    Map<String, VariableDeclaration> declarations =
        Variables.declarations(YamlFields.mapping(root, "inputs", "inputs"), "input");
    Map<String, Expr> inputs = moduleInputs(call, declarations);

    List<String> childPath = new ArrayList<>(modulePath);
    childPath.add(call.name());
    Scope child = new Scope(context, childPath, moduleFile, inputs);
    children.put(call.name(), child);
    context.moduleChain.addLast(moduleFile);
    try {
      child.declareModules(YamlFields.mapping(root, "modules", "modules"));
      child.readResources(YamlFields.mapping(root, "resources", "resources"));
      child.loadModules();
      Map<String, Expr> outputs = new LinkedHashMap<>();
      child.readOutputs(YamlFields.mapping(root, "outputs", "outputs"))
          .forEach(output -> outputs.put(output.name(), output.value()));
      return outputs;
    } finally {
      context.moduleChain.removeLast();
    }
  }

  private Map<String, Expr> moduleInputs(
      ModuleCall call, Map<String, VariableDeclaration> declarations) {
    Map<String, Expr> inputs = new LinkedHashMap<>();
    YamlNode.Mapping given = call.inputs();
    for (Map.Entry<String, YamlNode> entry : given.entries().entrySet()) {
      String name = entry.getKey();
      VariableDeclaration declaration = declarations.get(name);
      if (declaration == null) {
        throw new ConfigException(given.keyPosition(name),
            "module '" + call.name() + "' has no input '" + name + "'",
            Suggestions.fix(name, declarations.keySet(), "input"));
      }
      inputs.put(name, checkInput(call, declaration, convert(entry.getValue())));
    }
    for (VariableDeclaration declaration : declarations.values()) {
      if (inputs.containsKey(declaration.name())) {
        continue;
      }
      Optional<YamlNode> fallback = declaration.defaultValue();
      if (fallback.isEmpty()) {
        throw new ConfigException(call.position(),
            "module '" + call.name() + "' needs input '" + declaration.name() + "'"
                + (declaration.description().isEmpty() ? ""
                    : " (" + declaration.description() + ")"),
            "add '" + declaration.name() + ": VALUE' under the module's inputs");
      }
      JsonNode value = Variables.coerce(YamlFields.toJson(fallback.get()), declaration.kind());
      inputs.put(declaration.name(), new Expr.Literal(value, fallback.get().position(),
          declaration.sensitive()));
    }
    return inputs;
  }

  private Expr checkInput(ModuleCall call, VariableDeclaration declaration, Expr value) {
    String where = "input '" + declaration.name() + "' of module '" + call.name() + "'";
    if (declaration.kind() == VariableDeclaration.Kind.RESOURCE) {
      if (value instanceof Expr.Reference reference && reference.path().isEmpty()) {
        return value;
      }
      throw new ConfigException(value.position(),
          where + " expects a whole-resource reference", "write it as ${NAME}, e.g. ${aks}");
    }
    if (!(value instanceof Expr.Literal literal)) {
      // References are known only at plan time; the planner checks their values.
      return declaration.sensitive() ? markedSensitive(value) : value;
    }
    try {
      JsonNode coerced = Variables.coerce(literal.value(), declaration.kind());
      Variables.check(declaration, coerced);
      return new Expr.Literal(coerced, literal.position(),
          literal.sensitive() || declaration.sensitive());
    } catch (IllegalArgumentException e) {
      String message = literal.sensitive() && literal.value().isValueNode()
          ? e.getMessage().replace("'" + literal.value().asText() + "'", "(sensitive value)")
          : e.getMessage();
      throw new ConfigException(value.position(), "invalid value for " + where + ": "
          + message, Variables.fixFor(e, declaration.kind(), "write"));
    }
  }

  // Flags every literal inside a value passed to a sensitive input. A reference keeps the
  // sensitivity of the attribute it names, which the planner tracks.
  private static Expr markedSensitive(Expr value) {
    if (value instanceof Expr.Literal literal) {
      return new Expr.Literal(literal.value(), literal.position(), true);
    }
    if (value instanceof Expr.Template template) {
      return new Expr.Template(template.parts().stream().map(Scope::markedSensitive).toList(),
          template.position());
    }
    if (value instanceof Expr.ListExpr list) {
      return new Expr.ListExpr(list.items().stream().map(Scope::markedSensitive).toList(),
          list.position());
    }
    if (value instanceof Expr.ObjectExpr object) {
      Map<String, Expr> fields = new LinkedHashMap<>();
      object.fields().forEach((key, field) -> fields.put(key, markedSensitive(field)));
      return new Expr.ObjectExpr(fields, object.position());
    }
    return value;
  }

  // ---------------------------------------------------------------- resources

  /**
   * Returns the outputs of every module below this scope, named by their full address, for
   * example {@code module.team-a.namespace}, so that their references are checked even when
   * nothing uses them.
   */
  List<OutputConfig> allModuleOutputs() {
    List<OutputConfig> all = new ArrayList<>();
    for (String name : moduleCalls.keySet()) {
      Scope child = children.get(name);
      Map<String, Expr> outputs = moduleOutputs.get(name);
      if (child == null || outputs == null) {
        continue;
      }
      String prefix = new ResourceAddress(child.modulePath, "x").toString();
      prefix = prefix.substring(0, prefix.length() - 1);
      for (Map.Entry<String, Expr> output : outputs.entrySet()) {
        all.add(new OutputConfig(prefix + output.getKey(), output.getValue(), false, ""));
      }
      all.addAll(child.allModuleOutputs());
    }
    return all;
  }

  /**
   * Returns the resources of this scope in written order, then those of each module in the
   * order the modules are declared.
   */
  List<LoadContext.PendingResource> allResources() {
    List<LoadContext.PendingResource> all = new ArrayList<>(resources);
    for (String name : moduleCalls.keySet()) {
      Scope child = children.get(name);
      if (child != null) {
        all.addAll(child.allResources());
      }
    }
    return all;
  }

  /** Reads a {@code resources:} block into the context's resource list. */
  void readResources(YamlNode.Mapping block) {
    for (Map.Entry<String, YamlNode> entry : block.entries().entrySet()) {
      String name = entry.getKey();
      SourcePosition position = block.keyPosition(name);
      checkName(name, position, "resource");
      resourceNames.put(name, position);
      String what = "resource '" + name + "'";
      YamlNode.Mapping resource = YamlFields.mapping(entry.getValue(), what);
      YamlFields.checkKeys(resource, RESOURCE_KEYS, "key", " in " + what);

      String type = YamlFields.requiredString(resource, "type", "'type' in " + what,
          "add type: PROVIDER.TYPE, e.g. type: azure.resourceGroup");
      SourcePosition typePosition = resource.entries().get("type").position();
      Optional<ResourceType> resourceType = context.registry.type(type);
      if (resourceType.isEmpty()) {
        throw new ConfigException(typePosition, "unknown resource type '" + type + "'",
            Suggestions.fix(type, context.registry.types().keySet(), "type"));
      }

      YamlNode propertiesNode = resource.entries().get("properties");
      Expr.ObjectExpr properties;
      if (propertiesNode == null) {
        properties = new Expr.ObjectExpr(Map.of(), position);
      } else {
        YamlFields.mapping(propertiesNode, "properties of " + what);
        Expr converted = convert(propertiesNode);
        properties = converted instanceof Expr.ObjectExpr object
            ? object : new Expr.ObjectExpr(Map.of(), propertiesNode.position());
      }
      List<YamlNode.Scalar> dependsOn = resource.entries().containsKey("dependsOn")
          ? YamlFields.stringList(resource.entries().get("dependsOn"), "dependsOn")
          : List.of();
      Lifecycle lifecycle = lifecycle(resource, what);

      ResourceAddress address = new ResourceAddress(modulePath, name);
      resources.add(new LoadContext.PendingResource(address, type, properties,
          dependsOn, lifecycle, position, this));
    }
  }

  private void checkName(String name, SourcePosition position, String noun) {
    if (!Names.isValid(name)) {
      throw new ConfigException(position, "invalid " + noun + " name '" + name + "'",
          Names.RULE);
    }
    if (Names.RESERVED.contains(name)) {
      throw new ConfigException(position, "'" + name + "' cannot name a " + noun
          + " because ${" + name + ".…} has its own meaning", "choose another name");
    }
    SourcePosition other = noun.equals("module")
        ? resourceNames.get(name)
        : Optional.ofNullable(moduleCalls.get(name)).map(ModuleCall::position).orElse(null);
    if (other != null) {
      throw new ConfigException(position,
          "'" + name + "' names both a module and a resource (the other at line "
              + other.line() + ")",
          "rename one of them; module and resource names share one namespace per file");
    }
  }

  private Lifecycle lifecycle(YamlNode.Mapping resource, String what) {
    if (!resource.entries().containsKey("lifecycle")) {
      return Lifecycle.NONE;
    }
    YamlNode.Mapping block = YamlFields.mapping(resource.entries().get("lifecycle"),
        "lifecycle of " + what);
    YamlFields.checkKeys(block, LIFECYCLE_KEYS, "lifecycle rule", " in " + what);
    List<String> ignoreChanges = block.entries().containsKey("ignoreChanges")
        ? YamlFields.stringList(block.entries().get("ignoreChanges"), "ignoreChanges").stream()
            .map(s -> s.value().asText()).toList()
        : List.of();
    return new Lifecycle(
        YamlFields.optionalBoolean(block, "preventDestroy", "preventDestroy", false),
        ignoreChanges,
        YamlFields.optionalBoolean(block, "createBeforeDestroy", "createBeforeDestroy", false));
  }

  /**
   * Returns the addresses a {@code dependsOn} entry names: a resource of this scope, or every
   * resource inside a module of this scope ({@code module.NAME}).
   */
  List<ResourceAddress> dependencyTargets(YamlNode.Scalar entry, List<ResourceAddress> all) {
    String name = entry.value().asText().strip();
    if (name.startsWith("${") && name.endsWith("}")) {
      name = name.substring(2, name.length() - 1).strip();
    }
    if (name.startsWith("module.")) {
      String module = name.substring("module.".length());
      if (!moduleCalls.containsKey(module)) {
        throw new ConfigException(entry.position(),
            "dependsOn names undefined module '" + module + "'",
            Suggestions.fix(module, moduleCalls.keySet(), "module"));
      }
      List<String> prefix = new ArrayList<>(modulePath);
      prefix.add(module);
      return all.stream()
          .filter(a -> a.modulePath().size() >= prefix.size()
              && a.modulePath().subList(0, prefix.size()).equals(prefix))
          .toList();
    }
    if (!resourceNames.containsKey(name)) {
      throw new ConfigException(entry.position(),
          "dependsOn names undefined resource '" + name + "'",
          Suggestions.fix(name, resourceNames.keySet(), "resource"));
    }
    return List.of(new ResourceAddress(modulePath, name));
  }

  // ---------------------------------------------------------------- outputs

  /** Reads an {@code outputs:} block. */
  List<OutputConfig> readOutputs(YamlNode.Mapping block) {
    List<OutputConfig> outputs = new ArrayList<>();
    for (Map.Entry<String, YamlNode> entry : block.entries().entrySet()) {
      String name = entry.getKey();
      SourcePosition position = block.keyPosition(name);
      if (!Names.isValid(name)) {
        throw new ConfigException(position, "invalid output name '" + name + "'", Names.RULE);
      }
      String what = "output '" + name + "'";
      YamlNode.Mapping output = YamlFields.mapping(entry.getValue(), what);
      YamlFields.checkKeys(output, OUTPUT_KEYS, "key", " in " + what);
      YamlNode value = output.entries().get("value");
      if (value == null) {
        throw new ConfigException(position, what + " has no 'value'",
            "add value: ${RESOURCE.ATTRIBUTE}");
      }
      outputs.add(new OutputConfig(name, convert(value),
          YamlFields.optionalBoolean(output, "sensitive", "'sensitive'", false),
          YamlFields.optionalString(output, "description", "description").orElse("")));
    }
    return outputs;
  }

  /** Converts a YAML value, substituting variables, environment values and module outputs. */
  Expr convert(YamlNode node) {
    return substitution.convert(node);
  }
}
