package io.sereca.enclave.bus;

/** Big-endian integers and ASCII comparison on raw envelope bytes, for {@link RouteCipher}. */
final class EnvelopeBytes {

  private EnvelopeBytes() {}

  static boolean asciiEquals(byte[] b, int off, int len, String s) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (b[off + i] != (byte) s.charAt(i) || s.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
    return p + 4;
  }

  static int putLong(byte[] b, int p, long v) {
    for (int i = 0; i < 8; i++) {
      b[p + i] = (byte) (v >>> (56 - 8 * i));
    }
    return p + 8;
  }

  static int getInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }

  static long getLong(byte[] b, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[p + i] & 0xFF);
    }
    return v;
  }
}
