package io.sereca.cas;

/**
 * A manifest that is not valid, with the path of the field that is wrong (for example
 * {@code services.collector.identities[0].measurement}).
 */
public final class ManifestException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * Creates the exception.
   *
   * @param path the failing field's path, or {@code ""} for the document as a whole
   * @param problem what is wrong with it
   */
  public ManifestException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
  }

  /** The failing field's path; empty for the document as a whole. */
  public String path() {
    return path;
  }
}
