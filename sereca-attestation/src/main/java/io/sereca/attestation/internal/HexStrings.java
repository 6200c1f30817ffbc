package io.sereca.attestation.internal;

import java.util.HexFormat;
import java.util.Locale;

/** Validation of hex strings in policies, with messages that name the field and show the value. */
public final class HexStrings {

  private static final int MAX_SHOWN = 80;

  private HexStrings() {}

  /** Validates a 32-byte digest (64 hex characters) and returns it in lower case. */
  public static String digest(String field, String hex) {
    return exact(field, hex, 32);
  }

  /** Validates a measurement of 32 bytes (SHA-256) or 48 bytes (SHA-384: TDX, SEV-SNP); lower case. */
  public static String measurement(String field, String hex) {
    String lower = hex == null ? null : hex.trim().toLowerCase(Locale.ROOT);
    if (lower != null && lower.length() == 96) {
      return exact(field, hex, 48);
    }
    try {
      return exact(field, hex, 32);
    } catch (IllegalArgumentException e) {
      String shown = hex == null ? "" : hex.length() > MAX_SHOWN ? hex.substring(0, MAX_SHOWN) + "…" : hex;
      throw new IllegalArgumentException(field + " must be 64 hex characters (32 bytes: simulated, SGX)"
          + " or 96 (48 bytes: TDX, SEV-SNP), got '" + shown + "'", e);
    }
  }

  /** Validates {@code hex} as exactly {@code bytes} bytes and decodes it. */
  public static byte[] decode(String field, String hex, int bytes) {
    return HexFormat.of().parseHex(exact(field, hex, bytes));
  }

  private static String exact(String field, String hex, int bytes) {
    if (hex == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    String lower = hex.trim().toLowerCase(Locale.ROOT);
    boolean allHex = lower.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (lower.length() != 2 * bytes || !allHex) {
      String shown = hex.length() > MAX_SHOWN ? hex.substring(0, MAX_SHOWN) + "…" : hex;
      throw new IllegalArgumentException(field + " must be " + 2 * bytes + " hex characters ("
          + bytes + " bytes), got '" + shown + "'");
    }
    return lower;
  }
}
