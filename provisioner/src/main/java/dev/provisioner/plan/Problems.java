package dev.provisioner.plan;

import dev.provisioner.provider.ProviderException;

/** Turns errors from provider calls into one-line descriptions for users. */
public final class Problems {

  private Problems() {}

  /**
   * Returns the error's message, prefixed with the remote error code for provider errors, for
   * example "InvalidParameter: dnsPrefix must be ...".
   */
  public static String describe(Throwable error) {
    if (error instanceof ProviderException provider) {
      return provider.code() + ": " + provider.getMessage();
    }
    if (error instanceof PlanException || error instanceof StalePlanException
        || error instanceof dev.provisioner.config.ConfigException) {
      return error.getMessage();
    }
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
