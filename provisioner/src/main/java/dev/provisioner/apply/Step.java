package dev.provisioner.apply;

/**
 * One node of the apply graph: the destroy half or the apply half (create, update, record) of
 * one resource's change. A replacement has both.
 *
 * @param address resource address
 * @param destroy whether this is the destroy half
 */
record Step(String address, boolean destroy) {

  static Step applyOf(String address) {
    return new Step(address, false);
  }

  static Step destroyOf(String address) {
    return new Step(address, true);
  }

  @Override
  public String toString() {
    return destroy ? address + " (destroy)" : address;
  }
}
