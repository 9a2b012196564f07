package dev.provisioner.config;

import java.util.List;
import java.util.Objects;

/**
 * A stack cannot be loaded: one or more problems, each with the place it was found, what is
 * wrong and how to fix it.
 */
public class ConfigException extends RuntimeException {

  private final List<Diagnostic> diagnostics;

  public ConfigException(SourcePosition position, String problem, String fix) {
    this(List.of(new Diagnostic(position, problem, fix)));
  }

  public ConfigException(List<Diagnostic> diagnostics) {
    super(render(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Returns every problem found, in file order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String render(List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one diagnostic");
    }
    StringBuilder text = new StringBuilder();
    for (Diagnostic diagnostic : diagnostics) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(diagnostic);
    }
    return text.toString();
  }

  /**
   * One problem in a stack.
   *
   * @param position where it is; {@code null} only when no file is involved
   * @param problem what is wrong, for example "unknown field 'nodeCnt' in resource 'aks'"
   * @param fix how to fix it, for example "did you mean 'count'?"
   */
  public record Diagnostic(SourcePosition position, String problem, String fix) {

    public Diagnostic {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
      String where = position == null ? "" : position + ": ";
      return fix.isEmpty() ? where + problem : where + problem + "; " + fix;
    }
  }
}
