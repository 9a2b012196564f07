package dev.provisioner.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The stack's {@code backend} block, with variables and environment values resolved.
 *
 * @param kind {@code local} or {@code azureBlob}
 * @param settings the block's fields, for example {@code path} or {@code storageAccount}
 * @param position where the block was written
 */
public record BackendConfig(String kind, ObjectNode settings, SourcePosition position) {

  public BackendConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(settings, "settings");
  }
}
