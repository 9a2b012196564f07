package dev.provisioner.cli;

import dev.provisioner.config.ConfigException;
import dev.provisioner.config.Stack;
import dev.provisioner.config.StackLoader;
import dev.provisioner.config.VariableInputs;
import dev.provisioner.provider.ProviderRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of every command that reads a stack: the stack file, {@code --var},
 * {@code --var-file}, {@code --chdir} and
 * {@code --manifest-mirror}. Variables are also read from
 * {@code PROVISIONER_VAR_<name>} environment variables. Add it to a command with
 * {@code @Mixin StackOptions stack;} and call {@link #load()}.
 */
public final class StackOptions {

  @Parameters(index = "0", paramLabel = "STACK",
      description = "Stack file, for example stacks/dev.yaml.")
  Path stackFile;

  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "Sets a stack variable; repeatable. Lists and maps use YAML flow syntax: "
          + "--var 'zones=[1, 2]'. Wins over --var-file and PROVISIONER_VAR_<name>.")
  List<String> assignments = new ArrayList<>();

  @Option(names = "--var-file", paramLabel = "FILE",
      description = "Reads variables from a YAML or JSON file of NAME: VALUE pairs; "
          + "repeatable, a later file wins.")
  List<Path> variableFiles = new ArrayList<>();

  @Option(names = "--chdir", paramLabel = "DIR",
      description = "Runs as if started in DIR: the stack file, variable files and the "
          + ".provisioner/ folder are found relative to it.")
  Path chdir;

  @Option(names = "--manifest-mirror", paramLabel = "DIR",
      description = "Reads release manifests from DIR, a folder made by 'provisioner mirror' "
          + "(<component>/<version>/<file>), instead of downloading them. Wins over "
          + "PROVISIONER_MANIFEST_MIRROR.")
  Path manifestMirror;

  private final Map<String, String> environment = System.getenv();

  /** Returns the folder relative paths resolve against: {@code --chdir}, else the current one. */
  public Path workingDirectory() {
    Path current = Path.of("").toAbsolutePath();
    return chdir == null ? current : current.resolve(chdir).normalize();
  }

  /** Returns the stack file, resolved against {@link #workingDirectory()}. */
  public Path stackFile() {
    return workingDirectory().resolve(stackFile).normalize();
  }

  /**
   * Returns the process environment the options read, with {@code --manifest-mirror} (resolved
   * against {@link #workingDirectory()}) in place of {@code PROVISIONER_MANIFEST_MIRROR}.
   */
  public Map<String, String> environment() {
    if (manifestMirror == null) {
      return environment;
    }
    Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.put(RunSession.MANIFEST_MIRROR_VARIABLE,
        workingDirectory().resolve(manifestMirror).normalize().toString());
    return Map.copyOf(merged);
  }

  /**
   * Returns the variable inputs given on the command line and in the environment.
   *
   * @throws ConfigException when a {@code --var} is not {@code NAME=VALUE}
   */
  public VariableInputs variableInputs() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException(null, "--var '" + assignment + "' is not NAME=VALUE",
            "write it as --var name=value, for example --var location=westeurope");
      }
      values.remove(assignment.substring(0, equals));
      values.put(assignment.substring(0, equals), assignment.substring(equals + 1));
    }
    List<Path> files = variableFiles.stream()
        .map(file -> workingDirectory().resolve(file).normalize())
        .toList();
    return new VariableInputs(values, files, environment);
  }

  /**
   * Loads and checks the stack with the providers on the class path.
   *
   * @throws ConfigException with every problem found
   */
  public Stack load() {
    return load(ProviderRegistry.load());
  }

  /** Loads and checks the stack with {@code registry}'s providers. */
  public Stack load(ProviderRegistry registry) {
    return new StackLoader(registry, workingDirectory()).load(stackFile(), variableInputs());
  }
}
