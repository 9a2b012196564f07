package dev.provisioner.state.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import dev.provisioner.state.StateConflictException;
import dev.provisioner.state.StateDocument;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

class AzureBlobBackendTest {

  @RegisterExtension static final AzuriteExtension azurite = new AzuriteExtension();

  @Test
  void readOfMissingStateIsEmpty() {
    AzureBlobBackend backend = azurite.backend("missing.json");

    assertTrue(backend.read().isEmpty());
  }

  @Test
  void firstWriteReadsBack() {
    AzureBlobBackend backend = azurite.backend("first.json");
    StateDocument state = TestStates.state("lineage-first", 1);

    backend.write(state, -1);

    StateDocument read = azurite.backend("first.json").read().orElseThrow();
    assertEquals("lineage-first", read.lineage());
    assertEquals(1, read.serial());
    assertEquals(state.resources(), read.resources());
    assertEquals(state.outputs(), read.outputs());
  }

  @Test
  void firstWriteConflictsWithExistingState() {
    AzureBlobBackend backend = azurite.backend("taken.json");
    backend.write(TestStates.state("lineage-taken", 1), -1);

    StateConflictException e = assertThrows(StateConflictException.class,
        () -> backend.write(TestStates.state("lineage-taken", 1), -1));

    assertTrue(e.getMessage().contains("is at serial 1 but this run expected -1"),
        e.getMessage());
  }

  @Test
  void writeFromStaleSerialIsRejected() {
    AzureBlobBackend backend = azurite.backend("stale.json");
    backend.write(TestStates.state("lineage-stale", 1), -1);
    backend.write(TestStates.state("lineage-stale", 2), 1);

    assertThrows(StateConflictException.class,
        () -> backend.write(TestStates.state("lineage-stale", 2), 1));

    assertEquals(2, backend.read().orElseThrow().serial());
  }

  @Test
  void writeRacingAnotherWriterFailsOnEtag() {
    // The racing writer slips in after this writer checked the serial and before its upload,
    // so only the If-Match condition can catch it.
    AzureBlobBackend other = azurite.backend("race.json");
    other.write(TestStates.state("lineage-race", 1), -1);
    AtomicBoolean raced = new AtomicBoolean();
    HttpClient racing = new RacingHttpClient(AzureBlobBackend.newHttpClient(), "/race.json",
        () -> {
          if (raced.compareAndSet(false, true)) {
            other.write(TestStates.state("lineage-race", 2), 1);
          }
        });
    AzureBlobBackend backend = new AzureBlobBackend(azurite.settings("state", "race.json"),
        new BlobCredentials.ConnectionString(azurite.connectionString()), racing);

    StateConflictException e = assertThrows(StateConflictException.class,
        () -> backend.write(TestStates.state("lineage-race", 2), 1));

    assertTrue(raced.get());
    assertTrue(e.getMessage().contains("changed by another run"), e.getMessage());
    assertEquals("dev-rg-2",
        backend.read().orElseThrow().resources().get(0).attributes().get("name").asText());
  }

  @Test
  void writeKeepsPreviousVersionsAsSnapshots() {
    AzureBlobBackend backend = azurite.backend("versions.json");
    backend.write(TestStates.state("lineage-versions", 1), -1);
    backend.write(TestStates.state("lineage-versions", 2), 1);

    backend.write(TestStates.state("lineage-versions", 3), 2);

    List<StateDocument> previous = backend.previousVersions();
    assertEquals(2, previous.size());
    assertEquals(2, previous.get(0).serial());
    assertEquals(1, previous.get(1).serial());
  }

  @Test
  void snapshotsBeyondTheKeptNumberAreDeleted() {
    AzureBlobBackend backend = azurite.backend("pruned.json");
    backend.write(TestStates.state("lineage-pruned", 0), -1);

    for (int serial = 1; serial <= AzureBlobBackend.KEPT_SNAPSHOTS + 2; serial++) {
      backend.write(TestStates.state("lineage-pruned", serial), serial - 1);
    }

    List<StateDocument> previous = backend.previousVersions();
    assertEquals(AzureBlobBackend.KEPT_SNAPSHOTS, previous.size());
    assertEquals(AzureBlobBackend.KEPT_SNAPSHOTS + 1, previous.get(0).serial());
  }

  @Test
  void missingContainerNamesCreateFlag() {
    AzureBlobBackend backend = new AzureBlobBackend(
        azurite.settings("absent", "s.json").withCreateContainer(false),
        new BlobCredentials.ConnectionString(azurite.connectionString()));

    BlobContainerMissingException e = assertThrows(BlobContainerMissingException.class,
        () -> backend.write(TestStates.state("lineage-absent", 1), -1));

    assertTrue(e.getMessage().contains("container 'absent' does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("createContainer: true"), e.getMessage());
    assertTrue(e.getMessage().contains("--create-container"), e.getMessage());
  }

  @Test
  void missingContainerIsCreatedWhenAllowed() {
    AzureBlobBackend backend = new AzureBlobBackend(
        azurite.settings("created-on-write", "s.json"),
        new BlobCredentials.ConnectionString(azurite.connectionString()));
    assertTrue(backend.read().isEmpty());

    backend.write(TestStates.state("lineage-created", 1), -1);

    assertEquals(1, backend.read().orElseThrow().serial());
  }

  @Test
  void wrongAccountKeyIsAccessDenied() {
    String wrongKey = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==";
    AzureBlobBackend backend = new AzureBlobBackend(azurite.settings("state", "denied.json"),
        new BlobCredentials.ConnectionString(azurite.connectionString(wrongKey)));

    BlobAccessDeniedException e =
        assertThrows(BlobAccessDeniedException.class, backend::read);

    assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
    assertTrue(e.getMessage().contains("AZURE_STORAGE_CONNECTION_STRING"), e.getMessage());
    assertFalse(e.getMessage().contains(wrongKey), e.getMessage());
  }

  @Test
  void sasTokenWritesAndReads() {
    String sas = accountSas();
    AzureBlobBackend backend = new AzureBlobBackend(azurite.settings("state", "sas.json"),
        new BlobCredentials.SasToken(sas));

    backend.write(TestStates.state("lineage-sas", 1), -1);

    assertEquals(1, backend.read().orElseThrow().serial());
    assertFalse(backend.describe().contains("sig="), backend.describe());
  }

  @Test
  void connectionStringOfAnotherAccountIsRejected() {
    AzureBlobSettings settings = azurite.settings("state", "other.json");
    BlobCredentials credentials = new BlobCredentials.ConnectionString(
        "DefaultEndpointsProtocol=https;AccountName=otheraccount;AccountKey="
            + AzuriteExtension.ACCOUNT_KEY + ";EndpointSuffix=core.windows.net");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AzureBlobBackend(settings, credentials));

    assertTrue(e.getMessage().contains("otheraccount"), e.getMessage());
  }

  private static String accountSas() {
    BlobServiceClient service = new BlobServiceClientBuilder()
        .connectionString(azurite.connectionString())
        .httpClient(AzureBlobBackend.newHttpClient())
        .buildClient();
    AccountSasSignatureValues values = new AccountSasSignatureValues(
        OffsetDateTime.now().plusHours(1),
        AccountSasPermission.parse("rwdlacu"),
        AccountSasService.parse("b"),
        AccountSasResourceType.parse("sco"));
    return service.generateAccountSas(values);
  }

  /** Runs {@code beforeUpload} just before the first conditional upload of a blob path. */
  private static final class RacingHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final String pathSuffix;
    private final Runnable beforeUpload;

    RacingHttpClient(HttpClient delegate, String pathSuffix, Runnable beforeUpload) {
      this.delegate = delegate;
      this.pathSuffix = pathSuffix;
      this.beforeUpload = beforeUpload;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
      intercept(request);
      return delegate.send(request);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
      intercept(request);
      return delegate.send(request, context);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
      intercept(request);
      return delegate.sendSync(request, context);
    }

    private void intercept(HttpRequest request) {
      boolean upload = request.getHttpMethod() == HttpMethod.PUT
          && request.getUrl().getPath().endsWith(pathSuffix)
          && request.getUrl().getQuery() == null
          && request.getHeaders().getValue("If-Match") != null;
      if (upload) {
        beforeUpload.run();
      }
    }
  }
}
