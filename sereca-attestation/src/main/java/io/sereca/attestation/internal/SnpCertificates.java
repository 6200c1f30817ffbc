package io.sereca.attestation.internal;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.List;

/**
 * The AMD extensions of a VCEK or VLEK certificate: the TCB it was derived for (SPL values of
 * bootloader, TEE, SNP firmware and microcode, and on Turin the FMC) and, for a VCEK, the chip id.
 */
final class SnpCertificates {

  static final String OID_BOOTLOADER = "1.3.6.1.4.1.3704.1.3.1";
  static final String OID_TEE = "1.3.6.1.4.1.3704.1.3.2";
  static final String OID_SNP = "1.3.6.1.4.1.3704.1.3.3";
  static final String OID_MICROCODE = "1.3.6.1.4.1.3704.1.3.8";
  static final String OID_FMC = "1.3.6.1.4.1.3704.1.3.9";
  static final String OID_HWID = "1.3.6.1.4.1.3704.1.4";

  private SnpCertificates() {}

  /** The VCEKs or VLEKs among {@code certificates}: EC certificates named SEV-VCEK or SEV-VLEK. */
  static List<X509Certificate> signingCertificates(List<X509Certificate> certificates, boolean vlek) {
    String name = vlek ? "CN=SEV-VLEK" : "CN=SEV-VCEK";
    List<X509Certificate> found = new java.util.ArrayList<>();
    for (X509Certificate cert : certificates) {
      if (cert.getPublicKey() instanceof ECPublicKey
          && cert.getSubjectX500Principal().getName().contains(name)) {
        found.add(cert);
      }
    }
    return found;
  }

  /** An INTEGER extension, or -1 when absent. */
  static int integerExtension(X509Certificate cert, String oid) throws Der.DerException {
    byte[] wrapped = cert.getExtensionValue(oid);
    if (wrapped == null) {
      return -1;
    }
    byte[] value = Der.parse(wrapped).expect(Der.OCTET_STRING, "extension " + oid).content();
    return Der.parse(value).intValue("extension " + oid);
  }

  /** The hwid extension (the chip id), or null when absent. */
  static byte[] hardwareId(X509Certificate cert) throws Der.DerException {
    byte[] wrapped = cert.getExtensionValue(OID_HWID);
    if (wrapped == null) {
      return null;
    }
    byte[] value = Der.parse(wrapped).expect(Der.OCTET_STRING, "extension hwid").content();
    // KDS encodes hwid as a raw 64-byte value; some tools wrap it in another OCTET STRING.
    if (value.length == 64) {
      return value;
    }
    return Der.parse(value).expect(Der.OCTET_STRING, "hwid").content();
  }

  /**
   * The TCB the certificate was issued for, as a TCB_VERSION u64 in the report's layout: Milan
   * and Genoa put bootloader, TEE in bytes 0-1, SNP in byte 6, microcode in byte 7; Turin puts
   * FMC, bootloader, TEE, SNP in bytes 0-3 and microcode in byte 7.
   */
  static long certifiedTcb(X509Certificate cert, boolean turin) throws Der.DerException {
    int bootloader = integerExtension(cert, OID_BOOTLOADER);
    int tee = integerExtension(cert, OID_TEE);
    int snp = integerExtension(cert, OID_SNP);
    int microcode = integerExtension(cert, OID_MICROCODE);
    if (bootloader < 0 || tee < 0 || snp < 0 || microcode < 0) {
      throw new Der.DerException("TCB extensions (1.3.6.1.4.1.3704.1.3.1/2/3/8) missing");
    }
    for (int spl : new int[] {bootloader, tee, snp, microcode}) {
      if (spl > 0xFF) {
        throw new Der.DerException("TCB extension value " + spl + " exceeds a byte");
      }
    }
    if (turin) {
      int fmc = integerExtension(cert, OID_FMC);
      if (fmc < 0 || fmc > 0xFF) {
        throw new Der.DerException("Turin certificate without a valid FMC extension (" + OID_FMC + ")");
      }
      return fmc | (long) bootloader << 8 | (long) tee << 16 | (long) snp << 24 | (long) microcode << 56;
    }
    return bootloader | (long) tee << 8 | (long) snp << 48 | (long) microcode << 56;
  }

  /** A TCB_VERSION in words, for messages. */
  static String describeTcb(long tcb, boolean turin) {
    if (turin) {
      return String.format("fmc=%d bootloader=%d tee=%d snp=%d microcode=%d", tcb & 0xFF,
          tcb >>> 8 & 0xFF, tcb >>> 16 & 0xFF, tcb >>> 24 & 0xFF, tcb >>> 56 & 0xFF);
    }
    return String.format("bootloader=%d tee=%d snp=%d microcode=%d", tcb & 0xFF, tcb >>> 8 & 0xFF,
        tcb >>> 48 & 0xFF, tcb >>> 56 & 0xFF);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
