package dev.provisioner.state.azure;

import dev.provisioner.state.StateException;

/**
 * The storage service rejected the credentials (HTTP 403): a wrong account key, an expired SAS
 * token or one without the needed permissions, or an identity without a data role.
 */
public class BlobAccessDeniedException extends StateException {

  public BlobAccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
