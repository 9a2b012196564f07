package dev.provisioner.state.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials of the Azure Blob backend. The secrets they contain never appear in
 * {@link #toString()}, messages or logs.
 */
public sealed interface BlobCredentials {

  /** Environment variable holding a storage connection string. */
  String CONNECTION_STRING_VARIABLE = "AZURE_STORAGE_CONNECTION_STRING";

  /** Environment variable holding a SAS token for the container or account. */
  String SAS_TOKEN_VARIABLE = "AZURE_STORAGE_SAS_TOKEN";

  /**
   * Picks credentials from the environment: a connection string from
   * {@value #CONNECTION_STRING_VARIABLE}, else a SAS token from {@value #SAS_TOKEN_VARIABLE},
   * else Microsoft Entra ID through {@code DefaultAzureCredential} (environment, workload
   * identity, managed identity, Azure CLI and the other sources it tries in turn).
   *
   * @param httpClient transport for the Entra ID token requests
   */
  static BlobCredentials fromEnvironment(Map<String, String> environment, HttpClient httpClient) {
    String connectionString = environment.get(CONNECTION_STRING_VARIABLE);
    if (connectionString != null && !connectionString.isBlank()) {
      return new ConnectionString(connectionString);
    }
    String sasToken = environment.get(SAS_TOKEN_VARIABLE);
    if (sasToken != null && !sasToken.isBlank()) {
      return new SasToken(sasToken);
    }
    return new Token(new DefaultAzureCredentialBuilder().httpClient(httpClient).build());
  }

  /**
   * A storage connection string, for example one with {@code AccountName} and
   * {@code AccountKey}, or Azurite's with a {@code BlobEndpoint}.
   *
   * @param value the whole connection string; secret
   */
  record ConnectionString(String value) implements BlobCredentials {

    public ConnectionString {
      Objects.requireNonNull(value, "value");
    }

    /** Returns the {@code AccountName} the connection string names, if any. */
    public Optional<String> accountName() {
      return setting("AccountName");
    }

    /**
     * Returns the blob endpoint the connection string names: its {@code BlobEndpoint}, or the
     * one built from {@code DefaultEndpointsProtocol}, {@code AccountName} and
     * {@code EndpointSuffix} as the storage client builds it.
     */
    public Optional<URI> blobEndpoint() {
      Optional<String> explicit = setting("BlobEndpoint");
      if (explicit.isPresent()) {
        return Optional.of(URI.create(explicit.get()));
      }
      Optional<String> account = accountName();
      if (account.isEmpty()) {
        return Optional.empty();
      }
      String protocol = setting("DefaultEndpointsProtocol").orElse("https");
      String suffix = setting("EndpointSuffix").orElse("core.windows.net");
      return Optional.of(URI.create(protocol + "://" + account.get() + ".blob." + suffix));
    }

    private Optional<String> setting(String name) {
      for (String part : value.split(";")) {
        int equals = part.indexOf('=');
        if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase(name)) {
          return Optional.of(part.substring(equals + 1).trim());
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "ConnectionString[(sensitive value)]";
    }
  }

  /**
   * A shared access signature for the container or the account.
   *
   * @param token the query string, with or without a leading {@code ?}; secret
   */
  record SasToken(String token) implements BlobCredentials {

    public SasToken {
      Objects.requireNonNull(token, "token");
      token = token.startsWith("?") ? token.substring(1) : token;
    }

    @Override
    public String toString() {
      return "SasToken[(sensitive value)]";
    }
  }

  /**
   * A Microsoft Entra ID credential; the identity needs a data role on the container such as
   * Storage Blob Data Contributor.
   */
  record Token(TokenCredential credential) implements BlobCredentials {

    public Token {
      Objects.requireNonNull(credential, "credential");
    }
  }
}
