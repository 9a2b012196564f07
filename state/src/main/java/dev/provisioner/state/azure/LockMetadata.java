package dev.provisioner.state.azure;

import dev.provisioner.state.LockInfo;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a lock holder as blob metadata, one entry per field, so that {@code az storage blob
 * metadata show} on the lock blob shows it too.
 *
 * <p>Metadata travels as HTTP headers, which carry only ASCII, so values are URL-encoded: a user
 * or host name outside ASCII survives the round trip. Names are lowercase because the service
 * keeps metadata names case-insensitively.
 */
final class LockMetadata {

  private static final String ID = "lockid";
  private static final String OWNER = "owner";
  private static final String HOST = "host";
  private static final String PID = "pid";
  private static final String OPERATION = "operation";
  private static final String CREATED = "created";

  private LockMetadata() {}

  static Map<String, String> encode(LockInfo info) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ID, escape(info.id()));
    metadata.put(OWNER, escape(info.owner()));
    metadata.put(HOST, escape(info.host()));
    metadata.put(PID, Long.toString(info.pid()));
    metadata.put(OPERATION, escape(info.operation()));
    metadata.put(CREATED, info.created().toString());
    return metadata;
  }

  /**
   * Decodes a holder, or returns empty when the metadata names none (a lock blob that was
   * released, or one whose holder had not yet written its details) or is not readable.
   */
  static Optional<LockInfo> decode(Map<String, String> metadata) {
    Map<String, String> lower = new LinkedHashMap<>();
    metadata.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    if (!lower.containsKey(ID)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new LockInfo(
          unescape(lower.get(ID)),
          unescape(lower.getOrDefault(OWNER, "unknown")),
          unescape(lower.getOrDefault(HOST, "unknown")),
          Long.parseLong(lower.getOrDefault(PID, "-1")),
          unescape(lower.getOrDefault(OPERATION, "unknown")),
          Instant.parse(lower.getOrDefault(CREATED, Instant.EPOCH.toString()))));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String escape(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String unescape(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
