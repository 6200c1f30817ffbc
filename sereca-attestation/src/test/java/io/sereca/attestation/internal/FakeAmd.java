package io.sereca.attestation.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;

/**
 * A fake AMD product line (ARK, ASK or ASVK, VCEK or VLEK; all EC P-384) and SNP reports signed by
 * its VCEK or VLEK.
 */
final class FakeAmd {

  /** bootloader 3, tee 0, snp 8, microcode 115 in the Milan/Genoa TCB_VERSION layout. */
  static final long MILAN_TCB = 3L | 8L << 48 | 115L << 56;

  /** fmc 1, bootloader 3, tee 0, snp 8, microcode 115 in Turin's TCB_VERSION layout. */
  static final long TURIN_TCB = 1L | 3L << 8 | 8L << 24 | 115L << 56;

  final String product;
  final boolean vlek;
  final KeyPair vcekKey;
  final X509Certificate ark;
  final X509Certificate ask;
  final X509Certificate vcek;
  final byte[] chipId;

  private FakeAmd(String product, boolean vlek, KeyPair vcekKey, X509Certificate ark, X509Certificate ask,
      X509Certificate vcek, byte[] chipId) {
    this.product = product;
    this.vlek = vlek;
    this.vcekKey = vcekKey;
    this.ark = ark;
    this.ask = ask;
    this.vcek = vcek;
    this.chipId = chipId;
  }

  /** A Milan product whose VCEK was issued for {@code tcb}. */
  static FakeAmd create(long tcb) throws Exception {
    return create("Milan", false, tcb);
  }

  /**
   * A product line whose VCEK (or VLEK, signed by an ASVK) was issued for {@code tcb}, given in
   * that product's TCB_VERSION layout.
   */
  static FakeAmd create(String product, boolean vlek, long tcb) throws Exception {
    boolean turin = product.equals("Turin");
    KeyPair arkKey = FakeVendorPki.ec("secp384r1");
    KeyPair askKey = FakeVendorPki.ec("secp384r1");
    KeyPair vcekKey = FakeVendorPki.ec("secp384r1");
    String arkName = "CN=ARK-" + product;
    String askName = vlek ? "CN=SEV-VLEK-" + product : "CN=SEV-" + product;
    X509Certificate ark = FakeVendorPki.certificate(arkName, arkKey.getPublic(), arkName, arkKey.getPrivate(),
        true, Map.of());
    X509Certificate ask = FakeVendorPki.certificate(askName, askKey.getPublic(), arkName, arkKey.getPrivate(),
        true, Map.of());
    byte[] chipId = new byte[64];
    Arrays.fill(chipId, (byte) 0xC1);
    Map<String, org.bouncycastle.asn1.ASN1Encodable> extensions = new java.util.HashMap<>(Map.of(
        SnpCertificates.OID_BOOTLOADER, new ASN1Integer(tcb >>> (turin ? 8 : 0) & 0xFF),
        SnpCertificates.OID_TEE, new ASN1Integer(tcb >>> (turin ? 16 : 8) & 0xFF),
        SnpCertificates.OID_SNP, new ASN1Integer(tcb >>> (turin ? 24 : 48) & 0xFF),
        SnpCertificates.OID_MICROCODE, new ASN1Integer(tcb >>> 56 & 0xFF)));
    if (turin) {
      extensions.put(SnpCertificates.OID_FMC, new ASN1Integer(tcb & 0xFF));
    }
    if (!vlek) {
      extensions.put(SnpCertificates.OID_HWID, new DEROctetString(chipId));
    }
    X509Certificate vcek = FakeVendorPki.certificate(vlek ? "CN=SEV-VLEK" : "CN=SEV-VCEK", vcekKey.getPublic(),
        askName, askKey.getPrivate(), false, extensions);
    return new FakeAmd(product, vlek, vcekKey, ark, ask, vcek, chipId);
  }

  /** A v2 report claiming {@code reportedTcb}, validly signed by this VCEK. */
  byte[] signedReport(long reportedTcb) throws Exception {
    ByteBuffer report = ByteBuffer.allocate(SnpReportFormat.REPORT_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    report.putInt(0x00, 2).putLong(0x08, 0x30000).putInt(0x34, 1).putLong(0x38, reportedTcb)
        .putInt(0x48, vlek ? 1 << 2 : 0).putLong(0x180, reportedTcb);
    report.position(0x1A0);
    report.put(chipId);
    byte[] bytes = report.array();
    for (int i = 0; i < 48; i++) {
      bytes[0x90 + i] = (byte) (i + 1); // MEASUREMENT
    }
    byte[] p1363 = FakeVendorPki.sign("SHA384withECDSAinP1363Format", vcekKey.getPrivate(),
        Arrays.copyOf(bytes, 0x2A0));
    for (int i = 0; i < 48; i++) {
      bytes[0x2A0 + i] = p1363[47 - i];
      bytes[0x2E8 + i] = p1363[95 - i];
    }
    return bytes;
  }

  /** Authenticates {@code report} trusting only this product's ARK. */
  Authentication authenticate(byte[] report) throws Exception {
    HardwareRoots roots = new HardwareRoots(ark, List.of(new HardwareRoots.AmdProduct(product, ark, ask, ask)));
    return EvidenceFormats.parse(report).authenticate(TrustAnchors.hardwareOnly(roots),
        new CollateralInput(null, List.of(vcek)), FakeVendorPki.NOW);
  }
}
