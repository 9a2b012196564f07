package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.sandbox.SandboxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ARM side of a sandbox world folder, held by one process at a time.
 *
 * <p>Layout: {@code sandbox.lock} (the holder's pid, locked while it runs), {@code arm.json}
 * (subscription and tenant ids, the bearer token and the last port), {@code tls/arm.crt.pem} and
 * {@code tls/arm.key.pem}, and {@code arm/resources.json} (every ARM resource by id).
 */
public final class World implements AutoCloseable {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path folder;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ObjectNode settings;
  private final SelfSignedCertificate certificate;

  private World(Path folder, FileChannel lockChannel, FileLock lock) throws IOException {
    this.folder = folder;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.settings = loadOrCreateSettings();
    this.certificate = loadOrCreateCertificate();
  }

  /**
   * Opens the world in {@code folder}, creating it on first use, and locks it for this process.
   *
   * @throws SandboxException when another process (or another sandbox in this process) has it
   *     locked
   */
  public static World open(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(absolute);
      Path lockFile = absolute.resolve("sandbox.lock");
      channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new SandboxException(
            "the sandbox world " + absolute + " is in use by process "
                + (holder.isEmpty() ? "(unknown pid)" : holder)
                + "; stop that process or choose another world folder");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(true);
      return new World(absolute, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SandboxException("cannot open the sandbox world " + absolute + ": " + e, e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Another sandbox in this same JVM has already locked the world.
      return null;
    }
  }

  public Path folder() {
    return folder;
  }

  /**
   * Returns where {@code sandbox serve} writes a cluster's user kubeconfig:
   * {@code <world>/kubeconfigs/<resource group>_<cluster>.yaml}.
   */
  public Path kubeconfigFile(String resourceGroup, String clusterName) {
    return folder.resolve("kubeconfigs").resolve(resourceGroup + "_" + clusterName + ".yaml");
  }

  public String subscriptionId() {
    return settings.get("subscriptionId").asText();
  }

  public String tenantId() {
    return settings.get("tenantId").asText();
  }

  /** Returns the bearer token every ARM request must carry; secret. */
  public String token() {
    return settings.get("token").asText();
  }

  /** Returns the port of the last run, or 0 when the world never served. */
  public int port() {
    return settings.path("port").asInt(0);
  }

  /** Records the port the ARM endpoint serves on, so URLs stay valid across runs. */
  public void savePort(int port) {
    settings.put("port", port);
    writeSecret(folder.resolve("arm.json"), toJson(settings));
  }

  public SelfSignedCertificate certificate() {
    return certificate;
  }

  public Path certificatePath() {
    return folder.resolve("tls").resolve("arm.crt.pem");
  }

  /** Loads every stored ARM resource by lower-case id, in insertion order. */
  public Map<String, ObjectNode> loadResources() {
    Path file = folder.resolve("arm").resolve("resources.json");
    Map<String, ObjectNode> resources = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return resources;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        resources.put(entry.getKey(), (ObjectNode) entry.getValue());
      }
      return resources;
    } catch (IOException e) {
      throw new SandboxException(
          "cannot read " + file + ": " + e.getMessage()
              + "; fix or delete the file to start from an empty world", e);
    }
  }

  /** Writes every ARM resource atomically (temporary file, then rename). */
  public void saveResources(Map<String, ObjectNode> resources) {
    ObjectNode root = JSON.createObjectNode();
    resources.forEach(root::set);
    writeAtomically(
        folder.resolve("arm").resolve("resources.json"), toJson(root));
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      throw new SandboxException("cannot release the lock of the sandbox world " + folder, e);
    } finally {
      closeQuietly(lockChannel);
    }
  }

  private ObjectNode loadOrCreateSettings() throws IOException {
    Path file = folder.resolve("arm.json");
    if (Files.exists(file)) {
      return (ObjectNode) JSON.readTree(file.toFile());
    }
    ObjectNode created = JSON.createObjectNode();
    created.put("subscriptionId", UUID.randomUUID().toString());
    created.put("tenantId", UUID.randomUUID().toString());
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    created.put("token", Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    created.put("port", 0);
    writeSecret(file, JSON.writeValueAsString(created));
    return created;
  }

  private SelfSignedCertificate loadOrCreateCertificate() throws IOException {
    Path certificateFile = certificatePath();
    Path keyFile = folder.resolve("tls").resolve("arm.key.pem");
    if (Files.exists(certificateFile) && Files.exists(keyFile)) {
      return new SelfSignedCertificate(
          Files.readString(certificateFile, StandardCharsets.UTF_8),
          Files.readString(keyFile, StandardCharsets.UTF_8));
    }
    SelfSignedCertificate created = SelfSignedCertificate.create();
    writeSecret(keyFile, created.privateKeyPem());
    writeAtomically(certificateFile, created.certificatePem());
    return created;
  }

  private static void writeSecret(Path file, String content) {
    writeAtomically(file, content);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // NOTE: on file systems without POSIX permissions the file keeps the default mode.
    }
  }

  private static void writeAtomically(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SandboxException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String toJson(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new SandboxException("cannot encode the sandbox world as JSON", e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // The lock is released with the channel; nothing else to undo.
    }
  }
}
