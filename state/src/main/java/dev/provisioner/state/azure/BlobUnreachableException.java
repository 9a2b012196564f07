package dev.provisioner.state.azure;

import dev.provisioner.state.StateException;

/**
 * The storage endpoint could not be reached, or the connection failed during a request. A state
 * write that fails this way leaves the stored state as it was, because a blob upload of this
 * size is one request that either replaces the whole blob or nothing.
 */
public class BlobUnreachableException extends StateException {

  public BlobUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
