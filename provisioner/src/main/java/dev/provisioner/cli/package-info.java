/**
 * Last stage: the picocli commands, and the only code that prints. Each command loads the stack
 * through {@code config}, hands it to the planner or applier and renders what comes back, in a
 * human form or as JSON.
 */
package dev.provisioner.cli;
