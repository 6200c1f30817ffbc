package io.sereca.attestation;

import java.util.Map;

/**
 * What a TEE's hardware reported about the code it runs, as parsed from a quote or report: the
 * measurement, the debug state and the 64 bytes of report data, plus every other field of the
 * format (by name, in hex, for display and for policy rules).
 *
 * <p>Parsed values only: they mean something once an {@link EvidenceVerifier} has accepted the
 * evidence they came from.
 *
 * <p>Implementations are immutable; byte arrays are copied out.
 */
public sealed interface TeeIdentity permits SgxIdentity, TdxIdentity, SnpIdentity {

  /** The TEE that reported this identity. */
  TeeType teeType();

  /** The measurement of the code: MRENCLAVE (32 bytes), MRTD or MEASUREMENT (48 bytes). */
  byte[] measurement();

  /** {@link #measurement()} in lower-case hex. */
  String measurementHex();

  /** Whether the TEE runs in debug mode, which opens its memory to the host. */
  boolean debug();

  /** The 64 bytes of report data bound by the code (copy). */
  byte[] reportData();

  /** Every parsed field, by its name in the vendor's specification, in layout order (unmodifiable). */
  Map<String, String> fields();
}
