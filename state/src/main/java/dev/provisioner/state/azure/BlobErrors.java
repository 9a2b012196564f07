package dev.provisioner.state.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.provisioner.state.StateException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Translates storage client failures into state exceptions whose messages state what failed and
 * what to do. Messages carry the status and error code but not the service's message text,
 * because that text can echo a request's signed string.
 */
final class BlobErrors {

  private final AzureBlobSettings settings;

  BlobErrors(AzureBlobSettings settings) {
    this.settings = settings;
  }

  /** Returns whether {@code e} is a storage error with {@code code}. */
  static boolean hasCode(RuntimeException e, BlobErrorCode code) {
    return e instanceof BlobStorageException storage && code.equals(storage.getErrorCode());
  }

  /**
   * Returns a one-line summary of {@code e} for logs: the status and error code of a storage
   * error, without the service's XML body.
   */
  static String summary(RuntimeException e) {
    if (e instanceof BlobStorageException storage) {
      return "HTTP " + storage.getStatusCode()
          + (storage.getErrorCode() == null ? "" : " " + storage.getErrorCode());
    }
    return e.toString();
  }

  /**
   * Translates a failure of {@code step}, for example "reading state", into a state exception.
   */
  StateException translate(String step, RuntimeException e) {
    String where = settings.stateBlobUrl();
    if (e instanceof StateException state) {
      return state;
    }
    if (e instanceof BlobStorageException storage) {
      return translateStorage(step, where, storage);
    }
    Throwable network = networkCause(e);
    if (network != null) {
      return new BlobUnreachableException(step + " " + where + " failed: cannot reach "
          + settings.endpoint() + " (" + network + "); check the network and the endpoint, "
          + "then run the command again. The stored state is unchanged by a failed write.", e);
    }
    return new StateException(step + " " + where + " failed: " + e, e);
  }

  private StateException translateStorage(String step, String where, BlobStorageException e) {
    BlobErrorCode code = e.getErrorCode();
    int status = e.getStatusCode();
    String reason = " (HTTP " + status + (code == null ? "" : " " + code) + ")";
    if (status == 403) {
      return new BlobAccessDeniedException(step + " " + where + " failed: access denied" + reason
          + ". Check the credentials: the account key in AZURE_STORAGE_CONNECTION_STRING, "
          + "the SAS token's expiry and permissions (read, add, create, write, delete, list), "
          + "or that the signed-in identity has the role Storage Blob Data Contributor on "
          + "container '" + settings.container() + "'.", e);
    }
    if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
      return containerMissing(step, e);
    }
    if (status == 404 && code == null) {
      return new StateException(step + " " + where + " failed: not found" + reason
          + "; check that storage account '" + settings.storageAccount() + "' exists at "
          + settings.endpoint(), e);
    }
    return new StateException(step + " " + where + " failed" + reason, e);
  }

  /** Returns the error for a missing container, naming both ways to create it. */
  BlobContainerMissingException containerMissing(String step, RuntimeException cause) {
    return new BlobContainerMissingException(step + " " + settings.stateBlobUrl()
        + " failed: container '" + settings.container() + "' does not exist in storage account '"
        + settings.storageAccount() + "'. Create it (az storage container create --name "
        + settings.container() + " --account-name " + settings.storageAccount()
        + "), or let provisioner create it: set createContainer: true in the azureBlob backend "
        + "block or pass --create-container.", cause);
  }

  private static Throwable networkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return t;
      }
    }
    return null;
  }
}
