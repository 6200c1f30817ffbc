package io.sereca.enclave.boundary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoding of a set of named secrets, the plaintext inside a provisioning message: {@code
 * count(u16) | (name(u16 len + UTF-8) | value(u32 len + bytes))*}.
 */
public final class SecretsCodec {

  /** Maximum number of secrets in one provisioning message. */
  public static final int MAX_SECRETS = 1024;
  /** Maximum length of a secret's name. */
  public static final int MAX_NAME_BYTES = 256;
  /** Maximum size of one secret's value. */
  public static final int MAX_VALUE_BYTES = 1024 * 1024;

  private SecretsCodec() {}

  /** Encodes the secrets (insertion order is kept). */
  public static byte[] encode(Map<String, byte[]> secrets) {
    if (secrets.size() > MAX_SECRETS) {
      throw new BoundaryException(secrets.size() + " secrets exceed the limit of " + MAX_SECRETS);
    }
    FrameWriter w = new FrameWriter(256).u16(secrets.size());
    for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
      w.string(e.getKey()).bytes(e.getValue());
    }
    return w.toByteArray();
  }

  /** Decodes and validates; names must be non-empty and unique. */
  public static Map<String, byte[]> decode(byte[] encoded, BoundaryLimits limits) {
    FrameReader r = new FrameReader(encoded, limits);
    int count = r.u16("secrets.count");
    if (count > MAX_SECRETS) {
      throw new BoundaryException("secrets.count " + count + " exceeds " + MAX_SECRETS);
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = r.string("secret.name", MAX_NAME_BYTES);
      if (name.isEmpty()) {
        throw new BoundaryException("secret.name is empty");
      }
      byte[] value = r.bytes("secret.value", MAX_VALUE_BYTES);
      if (out.put(name, value) != null) {
        throw new BoundaryException("secret '" + name + "' appears twice");
      }
    }
    r.end("secrets");
    return out;
  }
}
