package dev.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.Expr;
import dev.provisioner.config.ResourceConfig;
import dev.provisioner.config.Stack;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ProviderRegistry;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Values;
import dev.provisioner.provider.kubernetes.ManifestStore;
import dev.provisioner.provider.kubernetes.ReleaseFile;
import dev.provisioner.provider.kubernetes.ReleaseManifests;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provisioner mirror DIR STACK}: writes every pinned release manifest the stack reads
 * into DIR, laid out as {@code <component>/<version>/<file>}, for carrying to a machine without
 * network access and serving from there with {@code --manifest-mirror DIR}.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = {"Writes every release manifest the stack needs into DIR, laid out as "
        + "<component>/<version>/<file> (URL manifests as url/<sha256>/<file>), each checked "
        + "against its SHA-256.",
        "Use DIR later with --manifest-mirror DIR or PROVISIONER_MANIFEST_MIRROR=DIR."})
final class MirrorCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "DIR",
      description = "Folder to write the manifests into; created when missing.")
  Path directory;

  @Parameters(index = "1", paramLabel = "STACK",
      description = "Stack file, for example stacks/dev.yaml.")
  Path stackFile;

  // The stack options are declared here rather than mixed in, because the mixin's stack file is
  // the first positional parameter and this command's first one is DIR.
  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "Sets a stack variable; repeatable.")
  List<String> assignments = new ArrayList<>();

  @Option(names = "--var-file", paramLabel = "FILE",
      description = "Reads variables from a YAML or JSON file; repeatable.")
  List<Path> variableFiles = new ArrayList<>();

  @Option(names = "--chdir", paramLabel = "DIR",
      description = "Runs as if started in DIR.")
  Path chdir;

  @Option(names = "--manifest-mirror", paramLabel = "SOURCE",
      description = "Copies from this mirror folder instead of downloading; defaults to "
          + "PROVISIONER_MANIFEST_MIRROR when that is set.")
  Path sourceMirror;

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StackOptions options = new StackOptions();
    options.stackFile = stackFile;
    options.assignments = assignments;
    options.variableFiles = variableFiles;
    options.chdir = chdir;
    ProviderRegistry registry = ProviderRegistry.load();
    Stack stack = options.load(registry);

    Map<String, ReleaseFile> files = new LinkedHashMap<>();
    for (ResourceConfig resource : stack.resources()) {
      Optional<ResourceType> type = registry.type(resource.type());
      if (type.isEmpty() || !(type.get() instanceof ReleaseManifests manifests)) {
        continue;
      }
      ObjectNode properties = (ObjectNode) staticValue(resource.properties());
      try {
        for (ReleaseFile file : manifests.releaseManifests(properties)) {
          files.putIfAbsent(file.mirrorPath(), file);
        }
      } catch (ProviderException e) {
        throw new ProviderException(e.code(), resource.address() + ": " + e.getMessage(), e);
      }
    }

    Path target = options.workingDirectory().resolve(directory).normalize();
    ManifestStore store = store(options);
    List<Path> written = new ArrayList<>();
    for (ReleaseFile file : files.values()) {
      written.add(store.copyTo(file, target));
    }
    print(files, written, target);
    return ExitCodes.OK;
  }

  private ManifestStore store(StackOptions options) {
    Path source = sourceMirror;
    if (source == null) {
      String variable = options.environment().get(ManifestStore.MIRROR_VARIABLE);
      source = variable == null || variable.isBlank() ? null : Path.of(variable);
    }
    Optional<Path> mirror =
        Optional.ofNullable(source)
            .map(path -> options.workingDirectory().resolve(path).normalize());
    String xdg = options.environment().get("XDG_CACHE_HOME");
    Path cacheRoot =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return new ManifestStore(mirror, cacheRoot.resolve("provisioner").resolve("manifests"));
  }

  private void print(Map<String, ReleaseFile> files, List<Path> written, Path target) {
    PrintWriter out = spec.commandLine().getOut();
    List<ReleaseFile> list = new ArrayList<>(files.values());
    if (output.json()) {
      ArrayNode array = JSON.createArrayNode();
      for (int i = 0; i < list.size(); i++) {
        ObjectNode item = array.addObject();
        item.put("path", written.get(i).toString());
        item.put("url", list.get(i).url().toString());
        item.put("sha256", list.get(i).sha256());
      }
      ObjectNode result = JSON.createObjectNode();
      result.put("mirror", target.toString());
      result.set("files", array);
      out.println(result.toPrettyString());
      return;
    }
    for (ReleaseFile file : list) {
      out.printf("%s  sha256:%s%n", file.mirrorPath(), file.sha256());
    }
    out.printf("Wrote %d manifests to %s.%n", list.size(), target);
  }

  /**
   * Returns the value of {@code expr} as far as it is known without applying anything:
   * references to other resources' attributes are unknown.
   */
  private static JsonNode staticValue(Expr expr) {
    if (expr instanceof Expr.Literal literal) {
      return literal.value();
    }
    if (expr instanceof Expr.ListExpr list) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      list.items().forEach(item -> array.add(staticValue(item)));
      return array;
    }
    if (expr instanceof Expr.ObjectExpr object) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      object.fields().forEach((name, value) -> result.set(name, staticValue(value)));
      return result;
    }
    return Values.unknown();
  }
}
