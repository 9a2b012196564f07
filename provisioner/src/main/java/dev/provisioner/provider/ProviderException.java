package dev.provisioner.provider;

import java.util.Objects;

/**
 * A resource operation failed. Carries the remote error code (ARM's {@code error.code}, a
 * Kubernetes status reason) so that users can search for it.
 */
public class ProviderException extends RuntimeException {

  private final String code;

  public ProviderException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ProviderException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Returns the remote error code, for example {@code InvalidParameter} or {@code Conflict}. */
  public String code() {
    return code;
  }
}
