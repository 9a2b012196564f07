package dev.provisioner.apply;

/** One provider operation on one resource, named as apply progress lines name it. */
public enum Operation {
  CREATE("Creating", "Still creating", "Creation complete"),
  UPDATE("Modifying", "Still modifying", "Modifications complete"),
  DELETE("Destroying", "Still destroying", "Destruction complete"),
  READ("Recording", "Still recording", "Recorded");

  private final String startWord;
  private final String stillWord;
  private final String doneWord;

  Operation(String startWord, String stillWord, String doneWord) {
    this.startWord = startWord;
    this.stillWord = stillWord;
    this.doneWord = doneWord;
  }

  /** Returns the word that starts the first line, for example "Creating". */
  public String startWord() {
    return startWord;
  }

  /** Returns the words of the periodic line, for example "Still creating". */
  public String stillWord() {
    return stillWord;
  }

  /** Returns the words of the final line, for example "Creation complete". */
  public String doneWord() {
    return doneWord;
  }
}
