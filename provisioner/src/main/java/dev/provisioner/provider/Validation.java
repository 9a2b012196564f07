package dev.provisioner.provider;

/** Collects problems found by {@link ResourceType#validate}. */
public interface Validation {

  /**
   * Reports a problem with the property at {@code path} (dot and {@code [i]} notation relative to
   * the resource's properties, for example {@code defaultNodePool.count}); the caller turns it
   * into {@code file:line:column}.
   *
   * @param message what is wrong and how to fix it, in one or two sentences
   */
  void error(String path, String message);
}
