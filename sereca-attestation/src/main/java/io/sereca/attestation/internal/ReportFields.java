package io.sereca.attestation.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixed-size little-endian report structure (an SGX or TDX report body, an SNP report) whose
 * length the caller has already checked, so reads within it cannot fail.
 */
public final class ReportFields {

  private final byte[] data;

  /** Wraps a copy of {@code data}. */
  public ReportFields(byte[] data) {
    this.data = data.clone();
  }

  /** A copy of {@code length} bytes at {@code offset}. */
  public byte[] bytes(int offset, int length) {
    return Arrays.copyOfRange(data, offset, offset + length);
  }

  /** {@code length} bytes at {@code offset} in lower-case hex. */
  public String hex(int offset, int length) {
    return HexFormat.of().formatHex(data, offset, offset + length);
  }

  /** An unsigned byte. */
  public int u8(int offset) {
    return data[offset] & 0xFF;
  }

  /** An unsigned little-endian 16-bit integer. */
  public int u16(int offset) {
    return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
  }

  /** An unsigned little-endian 32-bit integer. */
  public long u32(int offset) {
    return u16(offset) | (long) u16(offset + 2) << 16;
  }

  /** A little-endian 64-bit integer (bit pattern). */
  public long u64(int offset) {
    return u32(offset) | u32(offset + 4) << 32;
  }

  /** An unmodifiable map of alternating keys and values, in the given order. */
  public static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReportFields && Arrays.equals(data, ((ReportFields) o).data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }
}
