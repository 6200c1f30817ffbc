package io.sereca.attestation.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal DER reader for the vendor extensions of PCK and VCEK certificates (the JDK has no
 * ASN.1 API). It reads one tag-length-value at a time, definite lengths only, and throws
 * {@link DerException} for anything it cannot read, never an unchecked exception.
 */
final class Der {

  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int OID = 0x06;
  static final int ENUMERATED = 0x0A;
  static final int IA5_STRING = 0x16;
  static final int SEQUENCE = 0x30;

  /** A DER element: its tag and content bytes. */
  record Element(int tag, byte[] data, int from, int to) {

    byte[] content() {
      return java.util.Arrays.copyOfRange(data, from, to);
    }

    /** The elements inside a constructed element (e.g. a SEQUENCE). */
    List<Element> children() throws DerException {
      List<Element> children = new ArrayList<>();
      int position = from;
      while (position < to) {
        Element child = read(data, position, to);
        children.add(child);
        position = child.to;
      }
      return children;
    }

    Element expect(int expectedTag, String what) throws DerException {
      if (tag != expectedTag) {
        throw new DerException(what + ": expected tag 0x" + Integer.toHexString(expectedTag)
            + ", found 0x" + Integer.toHexString(tag));
      }
      return this;
    }

    /** An INTEGER or ENUMERATED that fits in an int. */
    int intValue(String what) throws DerException {
      if ((tag != INTEGER && tag != ENUMERATED) || to == from || to - from > 4) {
        throw new DerException(what + ": not a small INTEGER");
      }
      return new BigInteger(content()).intValueExact();
    }

    /** An OBJECT IDENTIFIER in dotted form. */
    String oid(String what) throws DerException {
      expect(OID, what);
      StringBuilder sb = new StringBuilder();
      long value = 0;
      boolean first = true;
      for (int i = from; i < to; i++) {
        int b = data[i] & 0xFF;
        if (value > (Long.MAX_VALUE >> 7)) {
          throw new DerException(what + ": OID component too large");
        }
        value = value << 7 | (b & 0x7F);
        if ((b & 0x80) == 0) {
          if (first) {
            long firstArc = Math.min(value / 40, 2);
            sb.append(firstArc).append('.').append(value - 40 * firstArc);
            first = false;
          } else {
            sb.append('.').append(value);
          }
          value = 0;
        }
      }
      if (first || (data[to - 1] & 0x80) != 0) {
        throw new DerException(what + ": malformed OID");
      }
      return sb.toString();
    }
  }

  private Der() {}

  /** Reads the single element that makes up {@code der}; trailing bytes are an error. */
  static Element parse(byte[] der) throws DerException {
    Element element = read(der, 0, der.length);
    if (element.to != der.length) {
      throw new DerException("trailing bytes after DER element");
    }
    return element;
  }

  private static Element read(byte[] data, int position, int limit) throws DerException {
    if (limit - position < 2) {
      throw new DerException("DER truncated at offset " + position);
    }
    int tag = data[position] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw new DerException("multi-byte DER tags are not supported (offset " + position + ")");
    }
    int lengthByte = data[position + 1] & 0xFF;
    int headerEnd = position + 2;
    long length;
    if (lengthByte < 0x80) {
      length = lengthByte;
    } else {
      int count = lengthByte & 0x7F;
      if (count == 0 || count > 3) {
        throw new DerException("unsupported DER length form at offset " + position);
      }
      if (limit - headerEnd < count) {
        throw new DerException("DER length truncated at offset " + position);
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = length << 8 | (data[headerEnd + i] & 0xFF);
      }
      headerEnd += count;
    }
    if (length > limit - headerEnd) {
      throw new DerException("DER element at offset " + position + " declares " + length
          + " bytes, only " + (limit - headerEnd) + " follow");
    }
    return new Element(tag, data, headerEnd, headerEnd + (int) length);
  }

  /** A DER structure could not be read. */
  static final class DerException extends Exception {
    private static final long serialVersionUID = 1L;

    DerException(String message) {
      super(message);
    }
  }
}
