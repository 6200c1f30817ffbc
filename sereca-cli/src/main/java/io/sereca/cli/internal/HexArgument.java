package io.sereca.cli.internal;

import java.util.HexFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses hexadecimal option values, reporting bad input as a usage error naming the option. */
final class HexArgument {

  private HexArgument() {}

  /**
   * Decodes {@code value} (an optional {@code 0x} prefix and whitespace-free hex digits of either
   * case) into {@code minBytes..maxBytes} bytes.
   *
   * @throws ParameterException naming {@code option} if the value is not such hex
   */
  static byte[] parse(CommandSpec spec, String option, String value, int minBytes, int maxBytes) {
    String hex = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
    byte[] bytes;
    try {
      if (hex.length() % 2 != 0) {
        throw new IllegalArgumentException("odd number of hex digits (" + hex.length() + ")");
      }
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(),
          "option '" + option + "' must be hexadecimal: " + e.getMessage());
    }
    if (bytes.length < minBytes || bytes.length > maxBytes) {
      String expected = minBytes == maxBytes
          ? minBytes + " bytes (" + 2 * minBytes + " hex digits)"
          : minBytes + ".." + maxBytes + " bytes (" + 2 * minBytes + ".." + 2 * maxBytes + " hex digits)";
      throw new ParameterException(spec.commandLine(),
          "option '" + option + "' must be " + expected + ", was " + bytes.length + " bytes");
    }
    return bytes;
  }
}
