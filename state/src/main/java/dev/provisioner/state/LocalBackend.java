package dev.provisioner.state;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps state in a local file, {@code .provisioner/<stack>.state.json} by default.
 *
 * <p>A write goes to a temporary file in the same folder, is flushed to disk, and replaces the
 * state file with an atomic rename; the folder is then flushed too so the rename survives a
 * crash. The replaced version is kept as {@code <file>.backup}. The file is readable by its owner
 * only (mode 0600) because attributes hold secrets such as kubeconfigs; a folder this backend
 * creates gets mode 0700.
 *
 * <p>The lock is the file {@code <file>.lock}, created with {@code CREATE_NEW} (atomic on local
 * file systems) and holding the holder's {@link LockInfo} as JSON. It is removed when the lock is
 * closed, or by a JVM shutdown hook when the process is interrupted (Ctrl-C). A process killed
 * outright leaves it behind; {@link #forceUnlock} removes it.
 */
public final class LocalBackend implements StateBackend {

  private static final Logger log = LoggerFactory.getLogger(LocalBackend.class);
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> FOLDER_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final Path file;
  private final StateCodec codec = new StateCodec();
  private final Clock clock;

  /** Creates a backend for the state file {@code file}; nothing is touched until first use. */
  public LocalBackend(Path file) {
    this(file, Clock.systemUTC());
  }

  LocalBackend(Path file, Clock clock) {
    this.file = file.toAbsolutePath().normalize();
    this.clock = clock;
  }

  /** Returns the state file. */
  public Path file() {
    return file;
  }

  /** Returns the file that keeps the version before the last write. */
  public Path backupFile() {
    return sibling(".backup");
  }

  /** Returns the lock file. */
  public Path lockFile() {
    return sibling(".lock");
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public Optional<StateDocument> read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateException("cannot read state " + file + ": " + e.getMessage(), e);
    }
    return Optional.of(codec.decode(bytes, file.toString()));
  }

  @Override
  public synchronized void write(StateDocument document, long expectedSerial) {
    long storedSerial = storedSerial();
    if (storedSerial != expectedSerial) {
      throw new StateConflictException("state " + file + " is at serial " + storedSerial
          + " but this run expected " + expectedSerial + "; another run changed it, so run "
          + "the command again to work from the new state");
    }
    byte[] bytes = codec.encode(document);
    Path folder = file.getParent();
    try {
      createFolder(folder);
      Path temp = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        writeSynced(temp, bytes);
        if (Files.exists(file)) {
          keepBackup();
        }
        moveAtomically(temp, file);
      } finally {
        Files.deleteIfExists(temp);
      }
      syncFolder(folder);
      log.debug("wrote state {} (lineage {}, serial {})", file, document.lineage(),
          document.serial());
    } catch (IOException e) {
      throw new StateException("cannot write state " + file + ": " + e.getMessage()
          + "; the previous version is unchanged", e);
    }
  }

  private long storedSerial() {
    try {
      return codec.decodeSerial(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new StateException("cannot read state " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public StateLock lock(String operation, Duration timeout) {
    LockInfo info = LockInfo.forThisProcess(operation, clock.instant());
    Path lockFile = lockFile();
    Instant deadline = clock.instant().plus(timeout);
    try {
      createFolder(lockFile.getParent());
    } catch (IOException e) {
      throw new StateException("cannot create folder for lock " + lockFile + ": "
          + e.getMessage(), e);
    }
    while (true) {
      try {
        writeSynced(lockFile, codec.encodeLock(info));
        log.debug("locked state {} as {}", file, info.id());
        return new FileLock(info);
      } catch (FileAlreadyExistsException e) {
        if (!clock.instant().isBefore(deadline)) {
          throw lockedBy(currentHolder());
        }
        sleep(POLL_INTERVAL);
      } catch (IOException e) {
        throw new StateException("cannot create lock " + lockFile + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void forceUnlock(String lockId) {
    Optional<LockInfo> holder = currentHolder();
    if (holder.isEmpty()) {
      throw new StateException("state " + file + " is not locked");
    }
    if (!holder.get().id().equals(lockId)) {
      throw new StateException("state " + file + " is locked with id " + holder.get().id()
          + ", not " + lockId + "; check the id in the lock error and try again");
    }
    try {
      Files.deleteIfExists(lockFile());
    } catch (IOException e) {
      throw new StateException("cannot remove lock " + lockFile() + ": " + e.getMessage(), e);
    }
  }

  /** Returns who holds the lock now, if anyone. */
  public Optional<LockInfo> currentHolder() {
    try {
      return Optional.of(codec.decodeLock(Files.readAllBytes(lockFile()), lockFile().toString()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateException("cannot read lock " + lockFile() + ": " + e.getMessage(), e);
    }
  }

  private StateLockedException lockedBy(Optional<LockInfo> holder) {
    if (holder.isEmpty()) {
      return new StateLockedException("state " + file + " is locked (the lock file "
          + lockFile() + " disappeared while waiting); run the command again", null);
    }
    LockInfo info = holder.get();
    return new StateLockedException("state is locked by " + info.describeHolder() + " since "
        + info.created() + " (lock id " + info.id() + "); wait for that run to finish, retry "
        + "with --lock-timeout to wait for it, or if that process is gone run "
        + "'provisioner force-unlock " + info.id() + "'", info);
  }

  // The backup is a second hard link to the current file, renamed into place: no bytes are
  // copied or flushed again, which keeps a write per resource cheap. File systems without hard
  // links get a flushed copy instead.
  private void keepBackup() throws IOException {
    Path backup = backupFile();
    Path temp = file.getParent().resolve("." + backup.getFileName() + "." + UUID.randomUUID()
        + ".tmp");
    try {
      try {
        Files.createLink(temp, file);
      } catch (UnsupportedOperationException | IOException e) {
        Files.deleteIfExists(temp);
        writeSynced(temp, Files.readAllBytes(file));
      }
      moveAtomically(temp, backup);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeSynced(Path target, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), fileAttributes(FILE_MODE))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + to.getParent()
          + " cannot rename atomically; keep state on a local file system", e);
    }
  }

  private static void createFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder, fileAttributes(FOLDER_MODE));
    }
  }

  // Flushes the folder entry so that the rename itself survives a power loss. Opening a folder
  // for reading and forcing it works on Linux and macOS; Windows cannot open folders this way.
  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("cannot sync folder {}: {}", folder, e.toString());
    }
  }

  private static FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> mode) {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
    }
    return new FileAttribute<?>[0];
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }


  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateLockedException("interrupted while waiting for the state lock", null);
    }
  }

  /** The held lock file; removed on close or, if the JVM is shutting down, by a hook. */
  private final class FileLock implements StateLock {
    private final LockInfo info;
    private final AtomicBoolean released = new AtomicBoolean();
    private final Thread shutdownHook;

    FileLock(LockInfo info) {
      this.info = info;
      this.shutdownHook = new Thread(this::release, "release-state-lock");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public LockInfo info() {
      return info;
    }

    @Override
    public void close() {
      release();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and the hook runs or ran; nothing else to do.
      }
    }

    private void release() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      try {
        // Only remove the lock if it is still ours: after a force-unlock someone else may
        // hold it.
        Optional<LockInfo> holder = currentHolder();
        if (holder.isPresent() && holder.get().id().equals(info.id())) {
          Files.deleteIfExists(lockFile());
          log.debug("unlocked state {} ({})", file, info.id());
        } else {
          log.warn("state lock {} was removed by someone else before this run released it",
              info.id());
        }
      } catch (IOException | RuntimeException e) {
        log.warn("cannot release state lock {}: {}; remove it with "
            + "'provisioner force-unlock <stack file> {}'", lockFile(), e.toString(), info.id());
      }
    }
  }
}
