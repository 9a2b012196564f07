package dev.provisioner.provider.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import dev.provisioner.provider.ProviderException;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns failures of ARM calls into {@link ProviderException}s that keep ARM's error code. */
final class ArmErrors {

  private ArmErrors() {}

  /**
   * Runs {@code call} and wraps what it throws, naming the {@code step} that failed ("creating
   * managed cluster knative-dev"). ARM's {@code error.code} becomes the exception's code, and
   * ARM's message, with the first detail, becomes the exception's message.
   */
  static <T> T call(String step, Supplier<T> call) {
    try {
      return call.get();
    } catch (ProviderException e) {
      throw e;
    } catch (ClientAuthenticationException e) {
      throw new ProviderException("AuthenticationFailed", step + " failed: no Azure token: "
          + e.getMessage() + "; sign in (az login) or check azure.credential", e);
    } catch (ManagementException e) {
      throw fromManagement(step, e);
    } catch (HttpResponseException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
      throw new ProviderException("Http" + status, step + " failed: HTTP " + status + ": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ProviderException("RequestFailed", step + " failed: " + e, e);
    }
  }

  /** Runs {@code call}, which returns nothing, like {@link #call}. */
  static void run(String step, Runnable call) {
    call(step, () -> {
      call.run();
      return null;
    });
  }

  /** Runs a GET and returns empty when ARM answers 404, so reads can report a deleted resource. */
  static <T> Optional<T> find(String step, Supplier<T> get) {
    try {
      return Optional.ofNullable(call(step, get));
    } catch (ProviderException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Runs a DELETE and treats a missing resource as deleted, as the SPI's delete requires. */
  static void deleteIfExists(String step, Runnable delete) {
    try {
      run(step, delete);
    } catch (ProviderException e) {
      if (!isNotFound(e)) {
        throw e;
      }
    }
  }

  /** Returns whether {@code e} reports a missing resource or resource group. */
  static boolean isNotFound(ProviderException e) {
    if (e.getCause() instanceof HttpResponseException http && http.getResponse() != null
        && http.getResponse().getStatusCode() == 404) {
      return true;
    }
    return e.code().equals("ResourceNotFound") || e.code().equals("ResourceGroupNotFound")
        || e.code().equals("NotFound");
  }

  private static ProviderException fromManagement(String step, ManagementException e) {
    ManagementError error = e.getValue();
    int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    if (error == null || error.getCode() == null) {
      return new ProviderException("Http" + status, step + " failed: HTTP " + status + ": "
          + e.getMessage(), e);
    }
    // The code is left out of the message because every error line already starts with it.
    StringBuilder message = new StringBuilder(step)
        .append(" failed: ")
        .append(error.getMessage());
    if (error.getDetails() != null && !error.getDetails().isEmpty()) {
      ManagementError detail = error.getDetails().get(0);
      message.append(" (").append(detail.getCode()).append(": ").append(detail.getMessage())
          .append(')');
    }
    return new ProviderException(error.getCode(), message.toString(), e);
  }
}
