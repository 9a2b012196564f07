package dev.provisioner.config;

import java.util.Set;

/** The rules for names of resources, modules, variables and outputs. */
final class Names {

  /** The naming rule, as messages state it. */
  static final String RULE =
      "names start with a letter or '_' and contain only letters, digits, '_' and '-'";

  /** Words that start expressions and so cannot name a resource or a module. */
  static final Set<String> RESERVED = Set.of("var", "env", "module");

  private Names() {}

  /** Returns whether {@code name} is a valid name. */
  static boolean isValid(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_-]*");
  }
}
