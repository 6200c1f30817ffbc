package io.sereca.keeper.internal;

/**
 * A frame the proxy cannot accept (malformed, truncated, unknown operation, too large): the
 * connection it came on is closed with this reason; the proxy and other sessions live on.
 */
final class FrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FrameException(String reason) {
    super(reason, null, false, false);
  }
}
