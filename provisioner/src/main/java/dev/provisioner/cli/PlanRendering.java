package dev.provisioner.cli;

import dev.provisioner.plan.Plan;

/** Renders plans for callers outside this package, such as benchmarks and other front ends. */
public final class PlanRendering {

  private PlanRendering() {}

  /** Returns the plan as the human text {@code plan} prints, without colors. */
  public static String human(Plan plan) {
    return new PlanView(new Style(false)).render(plan);
  }
}
