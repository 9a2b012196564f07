package dev.provisioner.sandbox.arm;

import java.util.Optional;

/**
 * An IPv4 address range in CIDR notation, such as {@code 10.224.0.0/16}.
 *
 * @param base the network address as an unsigned 32-bit number
 * @param prefixLength the number of network bits, 0-32
 */
record Cidr(long base, int prefixLength) {

  /** Parses an aligned IPv4 CIDR; empty when the text is not one. */
  static Optional<Cidr> parse(String text) {
    String[] parts = text.split("/");
    if (parts.length != 2) {
      return Optional.empty();
    }
    String[] octets = parts[0].split("\\.");
    if (octets.length != 4) {
      return Optional.empty();
    }
    try {
      long address = 0;
      for (String octet : octets) {
        int value = Integer.parseInt(octet);
        if (value < 0 || value > 255) {
          return Optional.empty();
        }
        address = (address << 8) | value;
      }
      int prefix = Integer.parseInt(parts[1]);
      if (prefix < 0 || prefix > 32) {
        return Optional.empty();
      }
      Cidr cidr = new Cidr(address, prefix);
      return address == cidr.first() ? Optional.of(cidr) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  long first() {
    long mask = prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
    return base & mask;
  }

  long last() {
    return first() + (1L << (32 - prefixLength)) - 1;
  }

  boolean contains(Cidr other) {
    return other.first() >= first() && other.last() <= last();
  }

  boolean overlaps(Cidr other) {
    return other.first() <= last() && first() <= other.last();
  }
}
