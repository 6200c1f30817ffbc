package io.sereca.wsnm.json;

/** Malformed JSON, or a document of the wrong shape; the message names the problem and where. */
public final class JsonException extends IllegalArgumentException {

  /** An error with a message naming the problem. */
  public JsonException(String message) {
    super(message);
  }
}
