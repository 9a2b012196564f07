package dev.provisioner.state;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a state lock, shown to a second user who finds the state locked.
 *
 * @param id lock id, the argument {@code force-unlock} takes
 * @param owner user name of the holder
 * @param host host name of the holder
 * @param pid process id of the holder
 * @param operation the command holding it, for example {@code apply}
 * @param created when the lock was taken
 */
public record LockInfo(
    String id, String owner, String host, long pid, String operation, Instant created) {

  public LockInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(created, "created");
  }

  /**
   * Describes a new lock taken by this process: a random id, the user and host names, the pid,
   * {@code operation} and {@code created}.
   */
  public static LockInfo forThisProcess(String operation, Instant created) {
    return new LockInfo(
        UUID.randomUUID().toString(),
        System.getProperty("user.name", "unknown"),
        hostName(),
        ProcessHandle.current().pid(),
        operation,
        created);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String fromEnvironment = System.getenv("HOSTNAME");
      return fromEnvironment == null ? "unknown-host" : fromEnvironment;
    }
  }

  /** Returns the holder in the words of a lock error: "alice@ci-7 (pid 412, apply)". */
  public String describeHolder() {
    return owner + "@" + host + " (pid " + pid + ", " + operation + ")";
  }
}
