package dev.provisioner.state.azure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Azurite's blob service on 127.0.0.1 for one test class and stops it afterwards.
 *
 * <p>The launcher {@code node_modules/.bin/azurite-blob} is started directly, not through
 * {@code npx}, so that the process whose PID is kept is the server itself: stopping an
 * {@code npx} wrapper leaves its {@code node} child listening. The Maven build installs the
 * pinned Azurite with {@code npm ci} before the tests run, in the folder named by the system
 * property {@code azurite.home}, else {@code state/src/test/azurite}.
 *
 * <p>{@link #stop()} and {@link #start()} restart the server on the same port and data folder,
 * so a test can cut storage off and bring it back with its data.
 */
public final class AzuriteExtension implements BeforeAllCallback, AfterAllCallback {

  /** Azurite's built-in account. */
  public static final String ACCOUNT = "devstoreaccount1";

  /** Azurite's built-in account key, published in its documentation; not a secret. */
  public static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private Path dataFolder;
  private Path logFile;
  private int port;
  private Process process;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dataFolder = Files.createTempDirectory("azurite-data-");
    logFile = Files.createTempFile("azurite-", ".log");
    port = freePort();
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
    deleteRecursively(dataFolder);
    Files.deleteIfExists(logFile);
  }

  /** Starts the server and waits until it accepts connections. */
  public void start() throws IOException, InterruptedException {
    Path launcher = azuriteHome().resolve("node_modules/.bin/azurite-blob");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(launcher + " is missing; the Maven build installs it with "
          + "npm ci during generate-test-resources, so run the tests through ./mvnw");
    }
    process = new ProcessBuilder(List.of(
            launcher.toString(),
            "--blobHost", "127.0.0.1",
            "--blobPort", Integer.toString(port),
            "--location", dataFolder.toString(),
            "--skipApiVersionCheck",
            "--silent"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
    awaitListening();
  }

  /**
   * Stops the server. SIGTERM makes Azurite save its data and print that it closed, but once it
   * has served requests its process lingers after that line (measured with Azurite 3.37.0), so
   * the process is then killed.
   */
  public void stop() throws IOException, InterruptedException {
    if (process == null) {
      return;
    }
    long closedBefore = closedCount();
    process.destroy();
    Instant deadline = Instant.now().plus(STOP_TIMEOUT);
    while (process.isAlive() && closedCount() == closedBefore && Instant.now().isBefore(deadline)) {
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    process = null;
  }

  private long closedCount() throws IOException {
    try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.contains("successfully closed")).count();
    }
  }

  /** Returns the blob endpoint in Azurite's path style: the account is the first segment. */
  public URI blobEndpoint() {
    return URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT);
  }

  /** Returns a connection string for the built-in account. */
  public String connectionString() {
    return connectionString(ACCOUNT_KEY);
  }

  /** Returns a connection string for the built-in account signed with {@code accountKey}. */
  public String connectionString(String accountKey) {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + accountKey
        + ";BlobEndpoint=" + blobEndpoint() + ";";
  }

  /**
   * Returns settings for state blob {@code key} in container {@code container} of this Azurite,
   * creating a missing container and making two attempts per request.
   */
  public AzureBlobSettings settings(String container, String key) {
    return AzureBlobSettings.of(ACCOUNT, container, key)
        .withEndpoint(blobEndpoint())
        .withCreateContainer(true)
        .withMaxTries(2);
  }

  /** Returns a backend for {@code key} in container {@code state}, signed with the account key. */
  public AzureBlobBackend backend(String key) {
    return new AzureBlobBackend(settings("state", key),
        new BlobCredentials.ConnectionString(connectionString()));
  }

  private void awaitListening() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Azurite exited with code " + process.exitValue()
            + " before listening on port " + port + ":\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    stop();
    throw new IllegalStateException("Azurite did not listen on port " + port + " within "
        + START_TIMEOUT + ":\n" + log());
  }

  private String log() throws IOException {
    return Files.readString(logFile, StandardCharsets.UTF_8);
  }

  // Tests of this module get the folder from Maven; tests of the provisioner module, which
  // use this extension too, find it beside their own module.
  private static Path azuriteHome() {
    String home = System.getProperty("azurite.home");
    if (home != null) {
      return Paths.get(home);
    }
    Path local = Paths.get("src/test/azurite").toAbsolutePath();
    return Files.isDirectory(local)
        ? local
        : Paths.get("../state/src/test/azurite").toAbsolutePath().normalize();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
