package dev.provisioner.provider.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers for manifests and object digests. */
public final class Digests {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private Digests() {}

  /** Returns whether {@code text} is a hex SHA-256 digest. */
  public static boolean isSha256Hex(String text) {
    return SHA256_HEX.matcher(text).matches();
  }

  /** Returns the lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** Returns the lower-case hex SHA-256 of {@code text} in UTF-8. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
