package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.EnvironmentCredential;
import com.azure.identity.WorkloadIdentityCredential;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.RunSettings;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Choices of cloud and credential. No test builds a default or managed identity credential,
 * because their first token request would go to the instance metadata address.
 */
class AzureClientsTest {

  private static RunSettings settings(String azure, Map<String, String> environment) {
    return new RunSettings("test", Path.of("."), Path.of(".provisioner"), Stacks.yaml(azure),
        environment, Optional.empty(), Map.of());
  }

  @Test
  void unknownCloudIsRejected() {
    ProviderException error = assertThrows(ProviderException.class,
        () -> AzureClients.create(settings("{ cloud: AzureMars, subscriptionId: s }", Map.of())));

    assertEquals("UnknownCloud", error.code());
  }

  @Test
  void sandboxWithoutEndpointsIsRejected() {
    ProviderException error = assertThrows(ProviderException.class,
        () -> AzureClients.create(settings("{ cloud: sandbox }", Map.of())));

    assertEquals("SandboxNotStarted", error.code());
  }

  @Test
  void missingSubscriptionIsRejected() {
    ProviderException error = assertThrows(ProviderException.class,
        () -> AzureClients.create(settings("{ cloud: AzurePublic, credential: environment }",
            Map.of())));

    assertEquals("MissingSubscription", error.code());
  }

  @Test
  void unknownCredentialIsRejected() {
    ProviderException error = assertThrows(ProviderException.class,
        () -> AzureClients.credential(settings("{ credential: password }", Map.of()),
            "AzurePublic", null, new JdkHttpClientBuilder().build()));

    assertEquals("UnknownCredential", error.code());
  }

  @Test
  void environmentCredentialIsBuiltWhenNamed() {
    var credential = AzureClients.credential(settings("{ credential: environment }", Map.of()),
        "AzureChina", null, new JdkHttpClientBuilder().build());

    assertEquals(EnvironmentCredential.class, credential.getClass());
  }

  @Test
  void workloadIdentityCredentialIsBuiltFromRunEnvironment() {
    Map<String, String> environment = Map.of(
        "AZURE_CLIENT_ID", "0b5c8a9e-3c1d-4f7e-8a2b-6d9e0f1a2b3c",
        "AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token");

    var credential = AzureClients.credential(
        settings("{ credential: workloadIdentity }", environment),
        "AzureUSGovernment", "72f988bf-86f1-41af-91ab-2d7cd011db47",
        new JdkHttpClientBuilder().build());

    assertEquals(WorkloadIdentityCredential.class, credential.getClass());
  }

  @Test
  void workloadIdentityWithoutClientIdIsRejected() {
    ProviderException error = assertThrows(ProviderException.class,
        () -> AzureClients.credential(settings("{ credential: workloadIdentity }", Map.of()),
            "AzurePublic", "72f988bf-86f1-41af-91ab-2d7cd011db47",
            new JdkHttpClientBuilder().build()));

    assertEquals("CredentialUnavailable", error.code());
  }

  @Test
  void logPolicyHidesQueryValuesButApiVersion() throws Exception {
    String redacted = ArmHttpLogPolicy.redact(new URL(
        "https://127.0.0.1:8443/subscriptions/s/resourceGroups/rg?api-version=2025-04-01&sig=abc"));

    assertEquals("https://127.0.0.1:8443/subscriptions/s/resourceGroups/rg"
        + "?api-version=2025-04-01&sig=REDACTED", redacted);
  }
}
