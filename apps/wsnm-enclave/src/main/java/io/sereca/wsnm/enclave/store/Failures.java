package io.sereca.wsnm.enclave.store;

import io.sereca.enclave.ReplyException;
import java.util.concurrent.CompletionException;

/** Short, bounded descriptions of failed requests to the host (no payloads in them). */
final class Failures {

  private Failures() {}

  static String describe(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    String text;
    if (c instanceof ReplyException) {
      int code = ((ReplyException) c).code();
      text = code == ReplyException.TIMEOUT ? "timed out" : code == ReplyException.NO_HANDLERS
          ? "no record store listening" : "failed (" + code + "): " + c.getMessage();
    } else {
      text = c.getClass().getSimpleName();
    }
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
