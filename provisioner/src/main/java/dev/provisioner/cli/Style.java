package dev.provisioner.cli;

/** ANSI styles for human output; every method returns the text unchanged when color is off. */
final class Style {

  private static final String RESET = "\u001B[0m";

  private final boolean color;

  Style(boolean color) {
    this.color = color;
  }

  String green(String text) {
    return wrap("\u001B[32m", text);
  }

  String yellow(String text) {
    return wrap("\u001B[33m", text);
  }

  String red(String text) {
    return wrap("\u001B[31m", text);
  }

  String cyan(String text) {
    return wrap("\u001B[36m", text);
  }

  String bold(String text) {
    return wrap("\u001B[1m", text);
  }

  String dim(String text) {
    return wrap("\u001B[2m", text);
  }

  private String wrap(String code, String text) {
    return color ? code + text + RESET : text;
  }
}
