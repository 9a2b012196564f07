package dev.provisioner.cli;

import picocli.CommandLine;

/**
 * The exit codes users of Terraform expect. picocli's default usage-error code 2 would collide
 * with "changes present" under {@code --detailed-exitcode}, so every error exits 1.
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

  /** Success, or a plan with no changes. */
  static final int OK = 0;
  /** Any error, usage errors included. */
  static final int ERROR = 1;
  /** Only with {@code --detailed-exitcode}: the plan has changes. */
  static final int CHANGES_PRESENT = 2;

  @Override
  public int getExitCode(Throwable exception) {
    return ERROR;
  }
}
