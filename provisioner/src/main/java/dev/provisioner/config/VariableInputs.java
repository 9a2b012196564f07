package dev.provisioner.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources of stack variable values, highest precedence first: {@code --var}
 * assignments, {@code --var-file} files (a later file wins), environment variables named
 * {@code PROVISIONER_VAR_<name>}. Declared defaults come last.
 *
 * @param assignments values from {@code --var name=value}, in command-line order
 * @param files files from {@code --var-file}, YAML or JSON mappings of names to values
 * @param environment the process environment; also the source of {@code ${env.X}}
 */
public record VariableInputs(
    Map<String, String> assignments, List<Path> files, Map<String, String> environment) {

  public VariableInputs {
    assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
    files = List.copyOf(files);
    environment = Map.copyOf(environment);
  }

  /** Returns inputs with no assignments or files, reading only {@code environment}. */
  public static VariableInputs of(Map<String, String> environment) {
    return new VariableInputs(Map.of(), List.of(), environment);
  }
}
