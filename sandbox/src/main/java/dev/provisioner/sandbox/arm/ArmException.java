package dev.provisioner.sandbox.arm;

import java.util.List;

/**
 * An ARM error answer: the HTTP status and the body {@code {"error":{"code","message","details"}}}
 * that ARM sends, for example 404 {@code ResourceGroupNotFound} or 400 {@code InvalidParameter}.
 */
public final class ArmException extends RuntimeException {

  private final int status;
  private final String code;
  private final String target;
  private final List<ArmException> details;

  public ArmException(int status, String code, String message) {
    this(status, code, message, null, List.of());
  }

  public ArmException(
      int status, String code, String message, String target, List<ArmException> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = target;
    this.details = List.copyOf(details);
  }

  /** Returns a 400 {@code InvalidParameter} naming the offending property path. */
  public static ArmException invalidParameter(String target, String message) {
    return new ArmException(400, "InvalidParameter", message, target, List.of());
  }

  /** Returns a 400 {@code PropertyChangeNotAllowed} for an immutable property. */
  public static ArmException propertyChangeNotAllowed(String property) {
    return new ArmException(
        400,
        "PropertyChangeNotAllowed",
        "Changing property '" + property + "' is not allowed.",
        property,
        List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String target() {
    return target;
  }

  public List<ArmException> details() {
    return details;
  }
}
