package io.sereca.bus.internal;

import io.sereca.enclave.bus.EnvelopeRejectedException;
import io.sereca.enclave.bus.RejectReason;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteCipher.Kind;
import io.sereca.enclave.bus.RouteCipher.Opened;
import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * Opens what arrives on a protected address, and drops (counting and logging through
 * {@link BusMeters}) everything that is not an authentic, fresh envelope of the expected kind.
 *
 * <p>Two replay windows: point-to-point envelopes (send, request, reply) go through one shared by
 * the whole bus, so one is delivered at most once however many consumers the host copies it to;
 * published envelopes through the consumer's own window, so each consumer gets each publication
 * once. The kind byte that picks the window is authenticated: flipping it fails the tag.
 */
public final class EnvelopeReceiver {

  private static final byte[] NO_BINDING = new byte[0];

  /**
   * An opened, decoded message.
   *
   * @param opened what the cipher returned
   * @param body the decoded body
   * @param headers the sender's headers without the reserved ones
   * @param failureCode for a failure reply, the code; else null
   */
  public record Received(Opened opened, Object body, MultiMap headers, Integer failureCode) {}

  private final RouteCipher pointToPoint;
  private final RouteCipher published;
  private final BusMeters meters;

  /**
   * Creates a receiver.
   *
   * @param pointToPoint the cipher (and window) for send, request and reply envelopes
   * @param published the cipher (and window) for published envelopes
   * @param meters where drops are counted
   */
  public EnvelopeReceiver(RouteCipher pointToPoint, RouteCipher published, BusMeters meters) {
    this.pointToPoint = pointToPoint;
    this.published = published;
    this.meters = meters;
  }

  /**
   * Opens a message a consumer received on {@code address}.
   *
   * @return the message, or null if it was dropped (already counted and logged)
   */
  public Received receive(String address, Object wireBody) {
    try {
      Wire.Slice envelope = envelopeOf(wireBody);
      boolean publish = envelope.array()[envelope.offset() + 3] == Kind.PUBLISH.ordinal();
      Opened opened = (publish ? published : pointToPoint)
          .open(address, envelope.array(), envelope.offset(), envelope.length(), NO_BINDING);
      if (opened.kind() == Kind.REPLY) {
        throw new EnvelopeRejectedException(RejectReason.MALFORMED, "a reply arrived at a consumer");
      }
      return decode(opened);
    } catch (EnvelopeRejectedException e) {
      meters.rejected(e.reason(), address, e.getMessage());
      return null;
    }
  }

  /**
   * Opens the reply to a request sent on {@code address}.
   *
   * @param binding {@link RouteCipher.Sealed#replyBinding()} of the request
   * @throws EnvelopeRejectedException if dropped (already counted and logged)
   */
  public Received receiveReply(String address, Object wireBody, byte[] binding) throws EnvelopeRejectedException {
    try {
      Wire.Slice envelope = envelopeOf(wireBody);
      Opened opened = pointToPoint.open(address, envelope.array(), envelope.offset(), envelope.length(), binding);
      if (opened.kind() != Kind.REPLY) {
        throw new EnvelopeRejectedException(RejectReason.MALFORMED, "a " + opened.kind() + " arrived as a reply");
      }
      return decode(opened);
    } catch (EnvelopeRejectedException e) {
      meters.rejected(e.reason(), address, e.getMessage());
      throw e;
    }
  }

  /** The envelope in place: the wire body was decoded for this message and nobody else writes it. */
  private static Wire.Slice envelopeOf(Object wireBody) throws EnvelopeRejectedException {
    Wire.Slice bytes = Wire.slice(wireBody);
    if (bytes == null || !Wire.looksLikeEnvelope(bytes)) {
      throw new EnvelopeRejectedException(RejectReason.PLAINTEXT, bytes != null ? "binary body without an envelope header"
          : "not an envelope (" + (wireBody == null ? "null" : wireBody.getClass().getSimpleName()) + " body)");
    }
    return bytes;
  }

  private static Received decode(Opened opened) throws EnvelopeRejectedException {
    // Authentic but undecodable: a buggy or hostile key holder. Not delivered.
    Map<String, String> h = opened.headers();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> e : h.entrySet()) {
      if (!e.getKey().regionMatches(true, 0, BodyCodec.RESERVED_PREFIX, 0, BodyCodec.RESERVED_PREFIX.length())) {
        headers.add(e.getKey(), e.getValue());
      }
    }
    Integer failureCode = null;
    String code = h.get(SecureEventBusImpl.FAILURE_CODE_HEADER);
    if (code != null) {
      try {
        failureCode = Integer.valueOf(code);
      } catch (NumberFormatException e) {
        throw new EnvelopeRejectedException(RejectReason.MALFORMED, "failure code is not a number");
      }
    }
    try {
      return new Received(opened, BodyCodec.decode(h.get(BodyCodec.TYPE_HEADER), opened), headers, failureCode);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, e.getMessage());
    }
  }
}
