package io.sereca.wsnm.enclave.web;

import java.security.GeneralSecurityException;

/**
 * One logged-in dashboard session inside the gateway: who, which role, the session key's frame
 * cipher, the browser's replay guard and the gateway's own frame counter.
 */
public final class GatewaySession {

  private final String id;
  private final String user;
  private final Role role;
  private final FrameCipher cipher;
  private final ReplayGuard fromClient = new ReplayGuard();
  private final long createdAt;
  private long lastSeen;
  private long nextOut; // the login reply is frame 0

  GatewaySession(String id, String user, Role role, byte[] key, long now) {
    this.id = id;
    this.user = user;
    this.role = role;
    this.cipher = new FrameCipher(key, id);
    this.createdAt = now;
    this.lastSeen = now;
  }

  /** The session id (public: it names the push address). */
  public String id() {
    return id;
  }

  /** The authenticated user name. */
  public String user() {
    return user;
  }

  /** The user's role. */
  public Role role() {
    return role;
  }

  long createdAt() {
    return createdAt;
  }

  long lastSeen() {
    return lastSeen;
  }

  void touch(long now) {
    lastSeen = now;
  }

  /** Opens a browser frame if its sequence number is fresh; records it only if it authenticates. */
  byte[] openFromClient(long sequence, byte[] ciphertext) throws GeneralSecurityException, ReplayedFrameException {
    if (!fromClient.fresh(sequence)) {
      throw new ReplayedFrameException(sequence);
    }
    byte[] plain = cipher.open(FrameCipher.CLIENT_TO_GATEWAY, sequence, ciphertext);
    fromClient.record(sequence);
    return plain;
  }

  /** Encrypts the next gateway frame; returns its sequence number and ciphertext. */
  Sealed sealToClient(byte[] plaintext) throws GeneralSecurityException {
    long seq = nextOut++;
    return new Sealed(seq, cipher.seal(FrameCipher.GATEWAY_TO_CLIENT, seq, plaintext));
  }

  /** A sealed gateway frame. */
  static final class Sealed {
    final long sequence;
    final byte[] ciphertext;

    Sealed(long sequence, byte[] ciphertext) {
      this.sequence = sequence;
      this.ciphertext = ciphertext;
    }
  }

  /** A browser frame whose sequence number was already accepted or is older than the window. */
  static final class ReplayedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    ReplayedFrameException(long sequence) {
      super("frame " + sequence + " was already received or is too old (replay)");
    }
  }
}
