package io.sereca.enclave.boundary;

/**
 * Bounds on everything that crosses the boundary. Both sides enforce them; the enclave side is the
 * one that matters, because it trusts nothing the host hands it.
 */
public final class BoundaryLimits {

  /** Default maximum frame size: 16 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
  /** Maximum UTF-8 length of an event-bus address. */
  public static final int MAX_ADDRESS_BYTES = 1024;
  /** Maximum number of headers on one message. */
  public static final int MAX_HEADERS = 64;
  /** Maximum UTF-8 length of a header name. */
  public static final int MAX_HEADER_NAME_BYTES = 256;
  /** Maximum UTF-8 length of a header value, a log line or a failure message. */
  public static final int MAX_TEXT_BYTES = 4096;
  /** Most bytes of attestation claims an app may vouch for in its evidence. */
  public static final int MAX_CLAIMS_BYTES = 4096;

  private static final BoundaryLimits DEFAULTS = new BoundaryLimits(DEFAULT_MAX_FRAME_BYTES);

  private final int maxFrameBytes;

  private BoundaryLimits(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** The default limits (16 MiB frames). */
  public static BoundaryLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Limits with a custom maximum frame size.
   *
   * @throws IllegalArgumentException if the size is below 64 KiB or above 1 GiB
   */
  public static BoundaryLimits withMaxFrameBytes(int maxFrameBytes) {
    if (maxFrameBytes < 64 * 1024 || maxFrameBytes > (1 << 30)) {
      throw new IllegalArgumentException(
          "max frame size must be in 64 KiB..1 GiB, was " + maxFrameBytes);
    }
    return new BoundaryLimits(maxFrameBytes);
  }

  /** Maximum size of one frame in bytes. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * Checks an event-bus address with the rules the receiving side applies: non-empty, at most
   * {@link #MAX_ADDRESS_BYTES} UTF-8 bytes, no control characters.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static String checkAddress(String address) {
    if (address == null || address.isEmpty()) {
      throw new IllegalArgumentException("address must be a non-empty string");
    }
    if (address.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ADDRESS_BYTES) {
      throw new IllegalArgumentException("address longer than " + MAX_ADDRESS_BYTES + " bytes");
    }
    for (int i = 0; i < address.length(); i++) {
      if (Character.isISOControl(address.charAt(i))) {
        throw new IllegalArgumentException("address contains a control character");
      }
    }
    return address;
  }

  /**
   * Checks headers with the rules the receiving side applies (count, name and value sizes).
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static java.util.Map<String, String> checkHeaders(java.util.Map<String, String> headers) {
    if (headers.size() > MAX_HEADERS) {
      throw new IllegalArgumentException(headers.size() + " headers exceed the limit of " + MAX_HEADERS);
    }
    for (java.util.Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_HEADER_NAME_BYTES) {
        throw new IllegalArgumentException("header name longer than " + MAX_HEADER_NAME_BYTES + " bytes");
      }
      if (e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
        throw new IllegalArgumentException("header '" + e.getKey() + "' value longer than " + MAX_TEXT_BYTES + " bytes");
      }
    }
    return headers;
  }

  /** Throws if a frame of {@code length} bytes is over the limit. */
  public void checkFrame(long length) {
    if (length < 0 || length > maxFrameBytes) {
      throw new BoundaryException(
          "frame of " + length + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
    }
  }
}
