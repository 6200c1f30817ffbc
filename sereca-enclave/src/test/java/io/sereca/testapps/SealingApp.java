package io.sereca.testapps;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.SealingException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.FrameReader;
import io.sereca.enclave.boundary.FrameWriter;

/**
 * Seals and unseals on request.
 *
 * <ul>
 *   <li>{@code seal}: body {@code policy(u8) | keyId(u16 + UTF-8) | plaintext(u32 + bytes)};
 *       replies with the sealed blob, or fails with {@link #SEALING_FAILED}.
 *   <li>{@code unseal}: body is the blob; replies with the plaintext, or fails with {@link
 *       #SEALING_FAILED} and the {@link SealingException}'s reason. Any other exception escapes
 *       to the runtime, which fails the request with 500.
 * </ul>
 */
public final class SealingApp implements EnclaveApp {

  public static final int SEALING_FAILED = 422;

  /** Encodes a seal request. */
  public static byte[] sealRequest(SealPolicy policy, String keyId, byte[] plaintext) {
    return new FrameWriter(64).u8(policy.ordinal()).string(keyId).bytes(plaintext).toByteArray();
  }

  @Override
  public void init(EnclaveContext context) {
    context.register("seal", message -> {
      FrameReader r = new FrameReader(message.body(), BoundaryLimits.defaults());
      SealPolicy policy = SealPolicy.values()[r.u8("policy")];
      String keyId = r.string("keyId", 65535);
      byte[] plaintext = r.bytes("plaintext", Integer.MAX_VALUE);
      try {
        message.reply(context.seal(policy, keyId, plaintext));
      } catch (SealingException e) {
        message.fail(SEALING_FAILED, e.getMessage());
      }
    });
    context.register("unseal", message -> {
      try {
        message.reply(context.unseal(message.body()));
      } catch (SealingException e) {
        message.fail(SEALING_FAILED, e.getMessage());
      }
    });
  }
}
