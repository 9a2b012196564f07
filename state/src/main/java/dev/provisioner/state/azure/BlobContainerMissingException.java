package dev.provisioner.state.azure;

import dev.provisioner.state.StateException;

/** The container named for the state does not exist in the storage account. */
public class BlobContainerMissingException extends StateException {

  public BlobContainerMissingException(String message, Throwable cause) {
    super(message, cause);
  }
}
