package io.sereca.attestation.internal;

import io.sereca.attestation.InvalidCollateralException;
import io.sereca.attestation.MalformedEvidenceException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The SEV-SNP certificate table of the GHCB specification, as the host returns it with an
 * extended report (the configfs-tsm {@code auxblob} on Linux): entries of GUID (16 bytes),
 * offset u32 and length u32 (little-endian, offsets from the table start), ended by an all-zero
 * entry; each entry points at a DER certificate (VCEK 63da758d-e664-4564-adc5-f4b93be8accd,
 * VLEK a8074bc2-a25a-483e-aae6-39c045a0b8a1, ASK 4ab7b379-bbac-4fe4-a02f-05aef327c782,
 * ARK c0b406a4-a803-4952-9743-3fb6014cd0ae). Certificates are classified by their subject, so
 * the GUIDs are not needed to use them.
 */
public final class SnpCertTable {

  private static final int ENTRY_LENGTH = 24;
  private static final int MAX_ENTRIES = 16;

  private SnpCertTable() {}

  /** Whether {@code data} starts like a certificate table (a first entry with a plausible offset). */
  public static boolean looksLikeTable(byte[] data) {
    if (data.length < 2 * ENTRY_LENGTH) {
      return false;
    }
    long offset = (data[16] & 0xFFL) | (data[17] & 0xFFL) << 8 | (data[18] & 0xFFL) << 16 | (data[19] & 0xFFL) << 24;
    return offset >= 2 * ENTRY_LENGTH && offset < data.length;
  }

  /** Reads every certificate the table points at. */
  public static List<X509Certificate> parse(byte[] table, String source) throws InvalidCollateralException {
    LittleEndianReader r = new LittleEndianReader(table, "SNP certificate table");
    List<X509Certificate> certs = new ArrayList<>();
    try {
      for (int i = 0; ; i++) {
        int at = i * ENTRY_LENGTH;
        byte[] guid = r.bytes("entry " + i + " guid", at, 16);
        long offset = r.u32("entry " + i + " offset", at + 16);
        long length = r.u32("entry " + i + " length", at + 20);
        if (offset == 0 && length == 0 && isZero(guid)) {
          break;
        }
        if (i >= MAX_ENTRIES) {
          throw r.invalid("entry " + i, at, "more than " + MAX_ENTRIES + " entries without a terminator");
        }
        if (offset > table.length || length > table.length - offset || length == 0) {
          throw r.invalid("entry " + i + " offset", at + 16, "certificate at " + offset + " (+"
              + length + ") lies outside the " + table.length + "-byte table");
        }
        certs.add(certificate(table, (int) offset, (int) length, guid, source));
      }
    } catch (MalformedEvidenceException e) {
      throw new InvalidCollateralException(source + ": " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new InvalidCollateralException(source + ": SNP certificate table holds no certificate");
    }
    return certs;
  }

  private static X509Certificate certificate(byte[] table, int offset, int length, byte[] guid, String source)
      throws InvalidCollateralException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(table, offset, length));
    } catch (CertificateException | RuntimeException e) {
      throw new InvalidCollateralException(source + ": SNP certificate table entry "
          + HexFormat.of().formatHex(guid) + " at offset " + offset + " is not a DER certificate: "
          + e.getMessage(), e);
    }
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
