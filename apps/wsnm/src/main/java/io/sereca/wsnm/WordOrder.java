package io.sereca.wsnm;

/** How a float32 is split over two 16-bit Modbus registers. */
public enum WordOrder {
  /** Big-endian: high word first (Modbus convention, "ABCD"). */
  ABCD(0),
  /** Word-swapped: low word first ("CDAB"), as many loggers and PLCs send it. */
  CDAB(1);

  private final int code;

  WordOrder(int code) {
    this.code = code;
  }

  /** The value of this order in the word-order holding and input registers. */
  public int code() {
    return code;
  }

  /**
   * The order of a register value.
   *
   * @throws IllegalArgumentException naming the value when it is neither 0 nor 1
   */
  public static WordOrder fromCode(int code) {
    if (code == 0) {
      return ABCD;
    }
    if (code == 1) {
      return CDAB;
    }
    throw new IllegalArgumentException("word order code " + code + " is not 0 (ABCD) or 1 (CDAB)");
  }

  /** The two registers (first, second) carrying {@code value}. */
  public int[] encode(float value) {
    int bits = Float.floatToIntBits(value);
    int hi = (bits >>> 16) & 0xFFFF;
    int lo = bits & 0xFFFF;
    return this == ABCD ? new int[] {hi, lo} : new int[] {lo, hi};
  }

  /** The float carried by two registers read in address order. */
  public float decode(int first, int second) {
    int hi = this == ABCD ? first : second;
    int lo = this == ABCD ? second : first;
    return Float.intBitsToFloat(((hi & 0xFFFF) << 16) | (lo & 0xFFFF));
  }
}
