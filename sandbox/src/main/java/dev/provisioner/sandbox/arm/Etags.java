package dev.provisioner.sandbox.arm;

import java.util.UUID;

/** Entity tags of AKS resources: opaque, new on every write. */
final class Etags {

  private Etags() {}

  static String next() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
