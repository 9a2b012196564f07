package dev.provisioner.state.azure;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the Azure Blob backend keeps one stack's state.
 *
 * @param storageAccount storage account name, for example {@code tfstateacct}
 * @param container blob container holding the state blob
 * @param key name of the state blob inside the container, for example {@code dev.json}
 * @param endpoint the account's blob service endpoint, for example
 *     {@code https://tfstateacct.blob.core.windows.net} or Azurite's
 *     {@code http://127.0.0.1:10000/devstoreaccount1}
 * @param createContainer whether a missing container is created instead of reported
 * @param maxTries attempts per storage request, the first one included; the storage client
 *     retries connection failures, 408, 429, 500, 502, 503 and 504 with exponential back-off
 */
public record AzureBlobSettings(
    String storageAccount,
    String container,
    String key,
    URI endpoint,
    boolean createContainer,
    int maxTries) {

  /** Attempts per request unless set otherwise: about 7 s of back-off before giving up. */
  public static final int DEFAULT_MAX_TRIES = 4;

  // Naming rules of Azure Storage: account names are 3-24 lowercase letters and digits.
  // Container names are 3-63 lowercase letters, digits and single hyphens, starting and ending
  // with a letter or digit.
  private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9]{3,24}");
  private static final Pattern CONTAINER_NAME =
      Pattern.compile("(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*");
  private static final int MAX_BLOB_NAME_LENGTH = 1024;

  public AzureBlobSettings {
    Objects.requireNonNull(storageAccount, "storageAccount");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(endpoint, "endpoint");
    if (!ACCOUNT_NAME.matcher(storageAccount).matches()) {
      throw new IllegalArgumentException("invalid storageAccount '" + storageAccount
          + "': a storage account name has 3 to 24 lowercase letters and digits");
    }
    if (!CONTAINER_NAME.matcher(container).matches()) {
      throw new IllegalArgumentException("invalid container '" + container + "': a container "
          + "name has 3 to 63 lowercase letters, digits and single hyphens, and starts and ends "
          + "with a letter or digit");
    }
    if (key.isBlank() || key.length() > MAX_BLOB_NAME_LENGTH - ".lock".length()) {
      throw new IllegalArgumentException("invalid key '" + key + "': a state blob name has 1 to "
          + (MAX_BLOB_NAME_LENGTH - ".lock".length()) + " characters");
    }
    if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("invalid endpoint '" + endpoint
          + "': expected an http or https URL such as https://" + storageAccount
          + ".blob.core.windows.net");
    }
    if (maxTries < 1) {
      throw new IllegalArgumentException("maxTries must be at least 1, was " + maxTries);
    }
  }

  /**
   * Returns settings for the public Azure cloud's endpoint of {@code storageAccount}, without
   * creating a missing container.
   */
  public static AzureBlobSettings of(String storageAccount, String container, String key) {
    return new AzureBlobSettings(
        storageAccount,
        container,
        key,
        publicCloudEndpoint(storageAccount),
        false,
        DEFAULT_MAX_TRIES);
  }

  /** Returns the blob endpoint of {@code storageAccount} in the public Azure cloud. */
  public static URI publicCloudEndpoint(String storageAccount) {
    return URI.create("https://" + storageAccount + ".blob.core.windows.net");
  }

  /** Returns a copy that talks to {@code endpoint}. */
  public AzureBlobSettings withEndpoint(URI endpoint) {
    return new AzureBlobSettings(storageAccount, container, key, endpoint, createContainer,
        maxTries);
  }

  /** Returns a copy that creates a missing container when {@code create} is true. */
  public AzureBlobSettings withCreateContainer(boolean create) {
    return new AzureBlobSettings(storageAccount, container, key, endpoint, create, maxTries);
  }

  /** Returns a copy that makes at most {@code tries} attempts per storage request. */
  public AzureBlobSettings withMaxTries(int tries) {
    return new AzureBlobSettings(storageAccount, container, key, endpoint, createContainer,
        tries);
  }

  /** Returns the name of the blob whose lease is the state lock. */
  public String lockBlobName() {
    return key + ".lock";
  }

  /** Returns the state blob's URL, which never carries a SAS token. */
  public String stateBlobUrl() {
    String base = endpoint.toString();
    return (base.endsWith("/") ? base : base + "/") + container + "/" + key;
  }
}
