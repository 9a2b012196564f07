package dev.provisioner.state.azure;

import dev.provisioner.state.StateLock;
import dev.provisioner.state.StateLockedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A separate process that takes the state lock, for lock tests that need a second JVM.
 *
 * <p>Arguments: blob endpoint, container, key. Credentials come from
 * {@code AZURE_STORAGE_CONNECTION_STRING}. It prints {@code LOCKED <lock id>} and holds the lock
 * until its standard input closes, then prints {@code RELEASED} and exits 0; when another holder
 * has the lock it prints {@code BUSY <holder pid>} and the lock error, and exits 3.
 */
public final class LockHolderMain {

  /** Exit code when another process holds the lock. */
  static final int BUSY = 3;

  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    AzureBlobSettings settings = AzureBlobSettings.of(AzuriteExtension.ACCOUNT, args[1], args[2])
        .withEndpoint(URI.create(args[0]))
        .withCreateContainer(true)
        .withMaxTries(2);
    AzureBlobBackend backend = new AzureBlobBackend(settings,
        BlobCredentials.fromEnvironment(Map.of(BlobCredentials.CONNECTION_STRING_VARIABLE,
            System.getenv(BlobCredentials.CONNECTION_STRING_VARIABLE)),
            AzureBlobBackend.newHttpClient()));
    StateLock lock;
    try {
      lock = backend.lock("apply", Duration.ZERO);
    } catch (StateLockedException e) {
      System.out.println("BUSY " + e.holder().map(h -> Long.toString(h.pid())).orElse("?"));
      System.out.println(e.getMessage());
      System.out.flush();
      System.exit(BUSY);
      return;
    }
    System.out.println("LOCKED " + lock.info().id());
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // Holds the lock until the test closes standard input or ends the process.
      }
    }
    lock.close();
    System.out.println("RELEASED");
    System.out.flush();
  }
}
