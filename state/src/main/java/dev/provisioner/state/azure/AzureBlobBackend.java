package dev.provisioner.state.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobBreakLeaseOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.provisioner.state.LockInfo;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateCodec;
import dev.provisioner.state.StateConflictException;
import dev.provisioner.state.StateDocument;
import dev.provisioner.state.StateException;
import dev.provisioner.state.StateLock;
import dev.provisioner.state.StateLockedException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one stack's state as a block blob in Azure Blob Storage.
 *
 * <p>Writes are conditional: the first with {@code If-None-Match: *}, later ones with
 * {@code If-Match} on the ETag of the version whose serial the caller expects, so two writers
 * never silently overwrite each other even when one ignores the lock. Before each overwrite the
 * current version is kept as a blob snapshot; the newest {@value #KEPT_SNAPSHOTS} are kept.
 *
 * <p>The lock is a 60-second lease on the lock blob {@code <key>.lock}, renewed while held (see
 * {@link BlobLease}); its metadata names the holder.
 */
public final class AzureBlobBackend implements StateBackend {

  /** Lease duration; the service allows 15 to 60 seconds or infinite. */
  static final Duration LEASE_DURATION = Duration.ofSeconds(60);
  private static final Duration MIN_LEASE_DURATION = Duration.ofSeconds(15);

  /** Snapshots of earlier versions kept beside the state blob. */
  static final int KEPT_SNAPSHOTS = 10;

  private static final Logger log = LoggerFactory.getLogger(AzureBlobBackend.class);
  private static final Duration LOCK_POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Duration HOLDER_DETAILS_WAIT = Duration.ofSeconds(5);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  private static final String SERIAL_METADATA = "serial";
  private static final String LINEAGE_METADATA = "lineage";

  private static final ExecutorService TRANSPORT_THREADS = Executors.newCachedThreadPool(
      runnable -> {
        Thread thread = new Thread(runnable, "state-blob-http");
        thread.setDaemon(true);
        return thread;
      });

  private final AzureBlobSettings settings;
  private final BlobContainerClient container;
  private final BlobClient stateBlob;
  private final BlobClient lockBlob;
  private final BlobErrors errors;
  private final StateCodec codec = new StateCodec();
  private final Clock clock = Clock.systemUTC();
  private final Duration leaseDuration;
  private volatile BlobLease heldLock;

  /**
   * Creates a backend; nothing is contacted until the first call.
   *
   * @throws IllegalArgumentException when a connection string names another storage account
   */
  public AzureBlobBackend(AzureBlobSettings settings, BlobCredentials credentials) {
    this(settings, credentials, newHttpClient());
  }

  /** Creates a backend that sends its requests through {@code httpClient}. */
  public AzureBlobBackend(
      AzureBlobSettings settings, BlobCredentials credentials, HttpClient httpClient) {
    this(settings, credentials, httpClient, LEASE_DURATION);
  }

  /** Creates a backend whose leases last {@code leaseDuration}; tests shorten it. */
  AzureBlobBackend(AzureBlobSettings settings, BlobCredentials credentials,
      HttpClient httpClient, Duration leaseDuration) {
    if (leaseDuration.compareTo(MIN_LEASE_DURATION) < 0
        || leaseDuration.compareTo(LEASE_DURATION) > 0) {
      throw new IllegalArgumentException("lease duration must be 15 to 60 s, was "
          + leaseDuration);
    }
    this.leaseDuration = leaseDuration;
    this.settings = settings;
    this.errors = new BlobErrors(settings);
    this.container = containerClient(settings, credentials, httpClient);
    this.stateBlob = container.getBlobClient(settings.key());
    this.lockBlob = container.getBlobClient(settings.lockBlobName());
  }

  /** Returns the JDK transport the backend uses unless given another. */
  public static HttpClient newHttpClient() {
    // By default the transport runs its tasks and read timeouts on the Azure SDK's shared
    // executor, which the SDK's own JVM shutdown hook stops. A lease release made from
    // BlobLease's shutdown hook would then wait forever, so the transport gets its own daemon
    // threads and no read timeout. The response timeout, enforced by java.net.http, still applies.
    return new JdkHttpClientBuilder()
        .executor(TRANSPORT_THREADS)
        .connectionTimeout(CONNECT_TIMEOUT)
        .responseTimeout(RESPONSE_TIMEOUT)
        .readTimeout(Duration.ZERO)
        .build();
  }

  /** Returns the settings this backend was created with. */
  public AzureBlobSettings settings() {
    return settings;
  }

  @Override
  public String describe() {
    return settings.stateBlobUrl();
  }

  @Override
  public Optional<StateDocument> read() {
    return readStored().map(StoredState::document);
  }

  @Override
  public void write(StateDocument document, long expectedSerial) {
    BlobLease lock = heldLock;
    if (lock != null && lock.isLost()) {
      throw new StateLockedException("state lock " + lock.info().id() + " on " + describe()
          + " was lost while this run held it (another user may have run force-unlock); the "
          + "state was not written, so run the command again", null);
    }
    try {
      writeChecked(document, expectedSerial);
    } catch (BlobStorageException e) {
      if (!BlobErrors.hasCode(e, BlobErrorCode.CONTAINER_NOT_FOUND)) {
        throw errors.translate("writing state", e);
      }
      createContainerOrThrow("writing state", e);
      writeChecked(document, expectedSerial);
    } catch (StateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw errors.translate("writing state", e);
    }
  }

  private void writeChecked(StateDocument document, long expectedSerial) {
    Optional<StoredState> stored = readStored();
    long storedSerial = stored.map(s -> s.document().serial()).orElse(-1L);
    if (storedSerial != expectedSerial) {
      throw new StateConflictException("state " + describe() + " is at serial " + storedSerial
          + " but this run expected " + expectedSerial + "; another run changed it, so run "
          + "the command again to work from the new state");
    }

    BlobRequestConditions conditions = new BlobRequestConditions();
    if (stored.isPresent()) {
      keepSnapshot(stored.get());
      conditions.setIfMatch(stored.get().etag());
    } else {
      conditions.setIfNoneMatch("*");
    }

    BlobParallelUploadOptions upload =
        new BlobParallelUploadOptions(BinaryData.fromBytes(codec.encode(document)))
            .setHeaders(new BlobHttpHeaders().setContentType("application/json"))
            .setMetadata(Map.of(
                LINEAGE_METADATA, document.lineage(),
                SERIAL_METADATA, Long.toString(document.serial())))
            .setRequestConditions(conditions);
    try {
      stateBlob.uploadWithResponse(upload, null, Context.NONE);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
        throw new StateConflictException("state " + describe() + " was changed by another run "
            + "between reading it at serial " + storedSerial + " and writing serial "
            + document.serial() + " (HTTP " + e.getStatusCode() + " " + e.getErrorCode()
            + "); run the command again to work from the new state");
      }
      throw e;
    }
    log.debug("wrote state {} (lineage {}, serial {})", describe(), document.lineage(),
        document.serial());
    pruneSnapshots();
  }

  private void keepSnapshot(StoredState stored) {
    try {
      stateBlob.createSnapshotWithResponse(
          null, new BlobRequestConditions().setIfMatch(stored.etag()), null, Context.NONE);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 412) {
        throw new StateConflictException("state " + describe() + " was changed by another run "
            + "after this run read serial " + stored.document().serial() + "; run the command "
            + "again to work from the new state");
      }
      throw e;
    }
  }

  /** Deletes snapshots beyond the newest {@value #KEPT_SNAPSHOTS}; failures only warn. */
  private void pruneSnapshots() {
    try {
      ListBlobsOptions options = new ListBlobsOptions()
          .setPrefix(settings.key())
          .setDetails(new BlobListDetails().setRetrieveSnapshots(true));
      List<String> snapshots = container.listBlobs(options, null).stream()
          .filter(item -> item.getName().equals(settings.key()) && item.getSnapshot() != null)
          .map(BlobItem::getSnapshot)
          .sorted(Comparator.reverseOrder())
          .collect(Collectors.toList());
      for (String snapshot : snapshots.subList(Math.min(KEPT_SNAPSHOTS, snapshots.size()),
          snapshots.size())) {
        container.getBlobClient(settings.key(), snapshot).delete();
      }
    } catch (RuntimeException e) {
      log.warn("could not delete old snapshots of {} ({}); they only cost storage",
          describe(), BlobErrors.summary(e));
    }
  }

  /**
   * Returns the stored versions before the current one, newest first, as kept by writes.
   *
   * @throws StateException when the snapshots cannot be listed or one cannot be decoded
   */
  public List<StateDocument> previousVersions() {
    try {
      ListBlobsOptions options = new ListBlobsOptions()
          .setPrefix(settings.key())
          .setDetails(new BlobListDetails().setRetrieveSnapshots(true));
      return container.listBlobs(options, null).stream()
          .filter(item -> item.getName().equals(settings.key()) && item.getSnapshot() != null)
          .map(BlobItem::getSnapshot)
          .sorted(Comparator.reverseOrder())
          .map(snapshot -> codec.decode(
              container.getBlobClient(settings.key(), snapshot).downloadContent().toBytes(),
              describe() + "?snapshot=" + snapshot))
          .collect(Collectors.toList());
    } catch (RuntimeException e) {
      throw errors.translate("listing earlier versions of", e);
    }
  }

  @Override
  public StateLock lock(String operation, Duration timeout) {
    LockInfo info = LockInfo.forThisProcess(operation, clock.instant());
    try {
      ensureLockBlob();
      reportStaleHolder();
      BlobLeaseClient leaseClient = new BlobLeaseClientBuilder()
          .blobClient(lockBlob)
          .leaseId(info.id())
          .buildClient();
      acquire(leaseClient, timeout);
      try {
        lockBlob.setMetadataWithResponse(LockMetadata.encode(info),
            new BlobRequestConditions().setLeaseId(info.id()), null, Context.NONE);
      } catch (RuntimeException e) {
        releaseQuietly(leaseClient);
        throw e;
      }
      BlobLease lease = new BlobLease(info, lockBlob, leaseClient, leaseDuration, describe());
      heldLock = lease;
      log.debug("locked state {} as {}", describe(), info.id());
      return lease;
    } catch (RuntimeException e) {
      throw errors.translate("locking state", e);
    }
  }

  private void ensureLockBlob() {
    try {
      createLockBlob();
    } catch (BlobStorageException e) {
      if (!BlobErrors.hasCode(e, BlobErrorCode.CONTAINER_NOT_FOUND)) {
        throw e;
      }
      createContainerOrThrow("locking state", e);
      createLockBlob();
    }
  }

  private void createLockBlob() {
    try {
      lockBlob.uploadWithResponse(
          new BlobParallelUploadOptions(BinaryData.fromBytes(new byte[0]))
              .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")),
          null,
          Context.NONE);
    } catch (BlobStorageException e) {
      // 409 BlobAlreadyExists, or 412 LeaseIdMissing when another run holds its lease: the
      // lock blob is there, which is all this step needs.
      if (e.getStatusCode() != 409 && e.getStatusCode() != 412) {
        throw e;
      }
    }
  }

  private void acquire(BlobLeaseClient leaseClient, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    boolean reportedWait = false;
    while (true) {
      try {
        leaseClient.acquireLease((int) leaseDuration.toSeconds());
        return;
      } catch (BlobStorageException e) {
        if (!BlobErrors.hasCode(e, BlobErrorCode.LEASE_ALREADY_PRESENT)) {
          throw e;
        }
      }
      Optional<LockInfo> holder = currentHolder();
      if (!clock.instant().isBefore(deadline)) {
        throw lockedBy(holder.isPresent() ? holder : awaitHolderDetails());
      }
      if (!reportedWait) {
        log.info("state {} is locked by {}; waiting up to {}", describe(),
            holder.map(LockInfo::describeHolder).orElse("another run"), timeout);
        reportedWait = true;
      }
      sleep(LOCK_POLL_INTERVAL);
    }
  }

  /**
   * Re-reads the holder for a short while. A holder writes its details right after taking the
   * lease, so a run that loses a race by milliseconds would otherwise find the lease without
   * them.
   */
  private Optional<LockInfo> awaitHolderDetails() {
    Instant deadline = clock.instant().plus(HOLDER_DETAILS_WAIT);
    while (clock.instant().isBefore(deadline)) {
      sleep(Duration.ofMillis(200));
      Optional<LockInfo> holder = currentHolder();
      if (holder.isPresent()) {
        return holder;
      }
    }
    return Optional.empty();
  }

  private StateLockedException lockedBy(Optional<LockInfo> holder) {
    if (holder.isEmpty()) {
      return new StateLockedException("state " + describe() + " is locked: lock blob "
          + settings.lockBlobName() + " is leased but does not name its holder (it may have "
          + "been leased by another tool); wait for the lease to end or break it with "
          + "'az storage blob lease break --blob-name " + settings.lockBlobName() + "'", null);
    }
    LockInfo info = holder.get();
    return new StateLockedException("state " + describe() + " is locked by "
        + info.describeHolder() + " since " + info.created() + " (lock id " + info.id()
        + "); wait for that run to finish, retry with --lock-timeout to wait for it, or if that "
        + "process is gone run 'provisioner force-unlock " + info.id() + "' (an abandoned "
        + "lease also expires by itself " + leaseDuration.toSeconds() + " s after its last "
        + "renewal)", info);
  }

  /**
   * Returns who holds the lock now, if anyone.
   *
   * @throws StateException when the lock blob cannot be read
   */
  public Optional<LockInfo> currentHolder() {
    return lockStatus().filter(LockStatus::isHeld).flatMap(LockStatus::holder);
  }

  /**
   * Returns the holder of a lock that was never released. Its details are still on the lock
   * blob but its lease has expired or was broken. The run that took it likely died (killed, or
   * cut off from storage) and may have left its work half done.
   *
   * @throws StateException when the lock blob cannot be read
   */
  public Optional<LockInfo> staleHolder() {
    return lockStatus().filter(status -> !status.isHeld()).flatMap(LockStatus::holder);
  }

  private void reportStaleHolder() {
    Optional<LockInfo> stale = staleHolder();
    if (stale.isPresent()) {
      LockInfo info = stale.get();
      log.warn("state {} was locked by {} since {} (lock id {}) and never unlocked; its lease "
          + "has ended, so that run probably stopped part-way: check the plan before applying",
          describe(), info.describeHolder(), info.created(), info.id());
    }
  }

  private Optional<LockStatus> lockStatus() {
    try {
      BlobProperties properties = lockBlob.getProperties();
      return Optional.of(new LockStatus(
          properties.getLeaseState(),
          LockMetadata.decode(properties.getMetadata())));
    } catch (BlobStorageException e) {
      if (BlobErrors.hasCode(e, BlobErrorCode.BLOB_NOT_FOUND) || e.getStatusCode() == 404
          && !BlobErrors.hasCode(e, BlobErrorCode.CONTAINER_NOT_FOUND)) {
        return Optional.empty();
      }
      throw errors.translate("reading the lock of", e);
    } catch (RuntimeException e) {
      throw errors.translate("reading the lock of", e);
    }
  }

  @Override
  public void forceUnlock(String lockId) {
    LockStatus status = lockStatus()
        .filter(LockStatus::isHeld)
        .orElseThrow(() -> new StateException("state " + describe() + " is not locked"));
    Optional<LockInfo> holder = status.holder();
    if (holder.isPresent() && !holder.get().id().equals(lockId)) {
      throw new StateException("state " + describe() + " is locked with id "
          + holder.get().id() + ", not " + lockId + "; check the id in the lock error and try "
          + "again");
    }
    try {
      Response<Integer> broken = new BlobLeaseClientBuilder()
          .blobClient(lockBlob)
          .buildClient()
          .breakLeaseWithResponse(
              new BlobBreakLeaseOptions().setBreakPeriod(Duration.ZERO), null, Context.NONE);
      // Clearing the details only if no other run took a lease since the break keeps a new
      // holder's details intact.
      String etag = broken.getHeaders().getValue("ETag");
      lockBlob.setMetadataWithResponse(
          Map.of(), new BlobRequestConditions().setIfMatch(etag), null, Context.NONE);
      log.info("force-unlocked state {} (lock id {})", describe(), lockId);
    } catch (RuntimeException e) {
      throw errors.translate("force-unlocking state", e);
    }
  }

  private Optional<StoredState> readStored() {
    BlobDownloadContentResponse response;
    try {
      response = stateBlob.downloadContentWithResponse(null, null, null, Context.NONE);
    } catch (BlobStorageException e) {
      if (BlobErrors.hasCode(e, BlobErrorCode.BLOB_NOT_FOUND)) {
        return Optional.empty();
      }
      if (BlobErrors.hasCode(e, BlobErrorCode.CONTAINER_NOT_FOUND)
          && settings.createContainer()) {
        return Optional.empty();
      }
      throw errors.translate("reading state", e);
    } catch (RuntimeException e) {
      throw errors.translate("reading state", e);
    }
    StateDocument document = codec.decode(response.getValue().toBytes(), describe());
    return Optional.of(new StoredState(document, response.getDeserializedHeaders().getETag()));
  }

  private void createContainerOrThrow(String step, BlobStorageException missing) {
    if (!settings.createContainer()) {
      throw errors.containerMissing(step, missing);
    }
    try {
      if (container.createIfNotExists()) {
        log.info("created container {} in storage account {}", settings.container(),
            settings.storageAccount());
      }
    } catch (RuntimeException e) {
      throw errors.translate("creating container '" + settings.container() + "' for", e);
    }
  }

  private static void releaseQuietly(BlobLeaseClient leaseClient) {
    try {
      leaseClient.releaseLease();
    } catch (RuntimeException e) {
      log.warn("could not release lease {} after a failed lock ({}); it expires by itself",
          leaseClient.getLeaseId(), BlobErrors.summary(e));
    }
  }

  private static BlobContainerClient containerClient(
      AzureBlobSettings settings, BlobCredentials credentials, HttpClient httpClient) {
    BlobContainerClientBuilder builder = new BlobContainerClientBuilder()
        .httpClient(httpClient)
        .retryOptions(new RequestRetryOptions(
            RetryPolicyType.EXPONENTIAL,
            settings.maxTries(),
            Duration.ofSeconds(60),
            Duration.ofSeconds(1),
            Duration.ofSeconds(8),
            null));
    if (credentials instanceof BlobCredentials.ConnectionString connection) {
      Optional<String> account = connection.accountName();
      if (account.isPresent() && !account.get().equals(settings.storageAccount())) {
        throw new IllegalArgumentException("the storage connection string is for account '"
            + account.get() + "' but the backend names storageAccount '"
            + settings.storageAccount() + "'; use the connection string of that account");
      }
      builder.connectionString(connection.value());
    } else if (credentials instanceof BlobCredentials.SasToken sas) {
      builder.sasToken(sas.token());
    } else if (credentials instanceof BlobCredentials.Token token) {
      builder.credential(token.credential());
    }
    return builder
        .endpoint(settings.endpoint().toString())
        .containerName(settings.container())
        .buildClient();
  }


  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException("interrupted while waiting for the state lock", e);
    }
  }

  /** One version of the state as read, with the ETag that a conditional write names. */
  private record StoredState(StateDocument document, String etag) {}

  /** The lock blob's lease state and the holder its metadata names. */
  private record LockStatus(LeaseStateType leaseState, Optional<LockInfo> holder) {

    boolean isHeld() {
      return LeaseStateType.LEASED.equals(leaseState)
          || LeaseStateType.BREAKING.equals(leaseState);
    }
  }
}
