package dev.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provisioner.config.BackendConfig;
import dev.provisioner.config.ConfigException;
import dev.provisioner.config.SourcePosition;
import dev.provisioner.state.azure.AzureBlobBackend;
import dev.provisioner.state.azure.AzureBlobSettings;
import dev.provisioner.state.azure.BlobCredentials;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@code azureBlob} state backend from a stack's backend block or from command-line
 * options.
 *
 * <p>Credentials come from the environment: {@code AZURE_STORAGE_CONNECTION_STRING}, else
 * {@code AZURE_STORAGE_SAS_TOKEN}, else Microsoft Entra ID through
 * {@code DefaultAzureCredential}. The endpoint is the block's {@code endpoint}, else the
 * connection string's blob endpoint, else the public cloud's
 * {@code https://<storageAccount>.blob.core.windows.net}.
 */
final class AzureBlobBackends {

  /** The backend kind as the stack language names it. */
  static final String KIND = "azureBlob";

  private AzureBlobBackends() {}

  /**
   * Returns the backend a stack's {@code azureBlob} block describes.
   *
   * @throws ConfigException when a required setting is missing or a value is invalid
   */
  static AzureBlobBackend create(BackendConfig config, Map<String, String> environment) {
    return create(
        required(config, "storageAccount"),
        required(config, "container"),
        required(config, "key"),
        optional(config, "endpoint"),
        config.settings().path("createContainer").asBoolean(false),
        environment,
        config.position());
  }

  /**
   * Returns the backend for the given location; {@code position} is where the location was
   * written, or null for command-line options.
   *
   * @throws ConfigException when a value is invalid
   */
  static AzureBlobBackend create(
      String storageAccount,
      String container,
      String key,
      Optional<String> endpoint,
      boolean createContainer,
      Map<String, String> environment,
      SourcePosition position) {
    BlobCredentials credentials =
        BlobCredentials.fromEnvironment(environment, AzureBlobBackend.newHttpClient());
    try {
      URI blobEndpoint = endpoint.map(URI::create)
          .or(() -> connectionStringEndpoint(credentials))
          .orElse(AzureBlobSettings.publicCloudEndpoint(storageAccount));
      AzureBlobSettings settings = AzureBlobSettings.of(storageAccount, container, key)
          .withEndpoint(blobEndpoint)
          .withCreateContainer(createContainer);
      return new AzureBlobBackend(settings, credentials);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(position, "backend '" + KIND + "': " + e.getMessage(),
          "correct the value in the backend block or on the command line");
    }
  }

  private static Optional<URI> connectionStringEndpoint(BlobCredentials credentials) {
    if (credentials instanceof BlobCredentials.ConnectionString connection) {
      return connection.blobEndpoint();
    }
    return Optional.empty();
  }

  private static String required(BackendConfig config, String name) {
    return optional(config, name).orElseThrow(() -> new ConfigException(config.position(),
        "backend '" + KIND + "' is missing '" + name + "'",
        "add " + name + " to the block, for example backend: { azureBlob: { storageAccount: "
            + "tfstate, container: state, key: dev.json } }"));
  }

  private static Optional<String> optional(BackendConfig config, String name) {
    JsonNode value = config.settings().get(name);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }
}
