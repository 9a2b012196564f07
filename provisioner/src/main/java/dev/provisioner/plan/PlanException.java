package dev.provisioner.plan;

import java.util.List;

/**
 * A plan could not be made: a refresh or a provider's plan failed, or a lifecycle rule forbids
 * the plan. Each problem starts with the resource address it concerns.
 */
public class PlanException extends RuntimeException {

  private final List<String> problems;

  public PlanException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a PlanException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public PlanException(String problem, Throwable cause) {
    super(problem, cause);
    this.problems = List.of(problem);
  }

  /** Returns every problem, each starting with its resource address. */
  public List<String> problems() {
    return problems;
  }
}
