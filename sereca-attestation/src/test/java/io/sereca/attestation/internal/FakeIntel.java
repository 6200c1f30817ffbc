package io.sereca.attestation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An Intel-like PKI under a fake root, with TCB info, QE identity and CRLs signed like Intel's:
 * to test the collateral checks and the TCB status algorithm on inputs each test controls.
 */
final class FakeIntel {

  static final String SGX_OID = PckExtensions.SGX_EXTENSIONS_OID;
  static final String FMSPC = "00906ED50000";

  final KeyPair rootKey;
  final X509Certificate root;
  final KeyPair pckCaKey;
  final X509Certificate pckCa;
  final KeyPair pckKey;
  final X509Certificate pck;
  final KeyPair signingKey;
  final X509Certificate signing;

  FakeIntel(int componentSvn, int pceSvn) throws Exception {
    rootKey = FakeVendorPki.ec("secp256r1");
    root = FakeVendorPki.certificate("CN=Fake SGX Root CA", rootKey.getPublic(), "CN=Fake SGX Root CA",
        rootKey.getPrivate(), true, Map.of());
    pckCaKey = FakeVendorPki.ec("secp256r1");
    pckCa = FakeVendorPki.certificate("CN=Intel SGX PCK Processor CA", pckCaKey.getPublic(), "CN=Fake SGX Root CA",
        rootKey.getPrivate(), true, Map.of());
    pckKey = FakeVendorPki.ec("secp256r1");
    pck = FakeVendorPki.certificate("CN=Intel SGX PCK Certificate", pckKey.getPublic(),
        "CN=Intel SGX PCK Processor CA", pckCaKey.getPrivate(), false,
        Map.of(SGX_OID, sgxExtension(componentSvn, pceSvn)));
    signingKey = FakeVendorPki.ec("secp256r1");
    signing = FakeVendorPki.certificate("CN=Intel SGX TCB Signing", signingKey.getPublic(), "CN=Fake SGX Root CA",
        rootKey.getPrivate(), false, Map.of());
  }

  byte[] quote() throws Exception {
    return FakeVendorPki.sgxQuote(pckKey.getPrivate(), List.of(pck, pckCa, root));
  }

  private static ASN1Encodable sgxExtension(int componentSvn, int pceSvn) {
    ASN1EncodableVector tcb = new ASN1EncodableVector();
    for (int i = 1; i <= 16; i++) {
      tcb.add(pair(SGX_OID + ".2." + i, new ASN1Integer(componentSvn)));
    }
    tcb.add(pair(SGX_OID + ".2.17", new ASN1Integer(pceSvn)));
    tcb.add(pair(SGX_OID + ".2.18", new DEROctetString(new byte[16])));
    ASN1EncodableVector all = new ASN1EncodableVector();
    all.add(pair(SGX_OID + ".1", new DEROctetString(new byte[16])));
    all.add(pair(SGX_OID + ".2", new DERSequence(tcb)));
    all.add(pair(SGX_OID + ".3", new DEROctetString(new byte[2])));
    all.add(pair(SGX_OID + ".4", new DEROctetString(HexFormat.of().parseHex(FMSPC))));
    return new DERSequence(all);
  }

  private static DERSequence pair(String oid, ASN1Encodable value) {
    return new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier(oid), value});
  }

  /** TCB info with levels (svn of every component, pcesvn, status), highest first. */
  static String tcbInfo(Object[]... levels) throws Exception {
    List<Object> list = new ArrayList<>();
    for (Object[] level : levels) {
      List<Map<String, Object>> components = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        components.add(Map.of("svn", level[0]));
      }
      list.add(Map.of("tcb", Map.of("sgxtcbcomponents", components, "pcesvn", level[1]),
          "tcbDate", "2024-01-01T00:00:00Z", "tcbStatus", level[2]));
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("id", "SGX");
    info.put("version", 3);
    info.put("issueDate", "2025-06-01T00:00:00Z");
    info.put("nextUpdate", "2025-08-01T00:00:00Z");
    info.put("fmspc", FMSPC);
    info.put("pceId", "0000");
    info.put("tcbLevels", list);
    return new ObjectMapper().writeValueAsString(info);
  }

  /** A QE identity for the all-zero QE report that {@link FakeVendorPki#sgxQuote} writes. */
  static String qeIdentity(String mrSigner) throws Exception {
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("id", "QE");
    id.put("version", 2);
    id.put("issueDate", "2025-06-01T00:00:00Z");
    id.put("nextUpdate", "2025-08-01T00:00:00Z");
    id.put("miscselect", "00000000");
    id.put("miscselectMask", "FFFFFFFF");
    id.put("attributes", "00".repeat(16));
    id.put("attributesMask", "FF".repeat(16));
    id.put("mrsigner", mrSigner);
    id.put("isvprodid", 0);
    id.put("tcbLevels", List.of(Map.of("tcb", Map.of("isvsvn", 0), "tcbStatus", "UpToDate")));
    return new ObjectMapper().writeValueAsString(id);
  }

  X509CRL crl(X509Certificate issuer, KeyPair issuerKey, BigInteger... revoked) throws Exception {
    X509v2CRLBuilder builder = new X509v2CRLBuilder(
        X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
        Date.from(Instant.parse("2025-06-01T00:00:00Z")));
    builder.setNextUpdate(Date.from(Instant.parse("2025-06-01T00:00:00Z").plus(60, ChronoUnit.DAYS)));
    for (BigInteger serial : revoked) {
      builder.addCRLEntry(serial, Date.from(Instant.parse("2025-06-01T00:00:00Z")), 0);
    }
    return new JcaX509CRLConverter().getCRL(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
  }

  /** Collateral JSON in dcap-qvl's layout, signed by this PKI. */
  byte[] collateral(String tcbInfo, String qeIdentity, BigInteger... revokedPcks) throws Exception {
    HexFormat hex = HexFormat.of();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("pck_crl_issuer_chain", FakeVendorPki.pem(List.of(pckCa, root)));
    c.put("root_ca_crl", hex.formatHex(crl(root, rootKey).getEncoded()));
    c.put("pck_crl", hex.formatHex(crl(pckCa, pckCaKey, revokedPcks).getEncoded()));
    c.put("tcb_info_issuer_chain", FakeVendorPki.pem(List.of(signing, root)));
    c.put("tcb_info", tcbInfo);
    c.put("tcb_info_signature", hex.formatHex(FakeVendorPki.sign("SHA256withECDSAinP1363Format",
        signingKey.getPrivate(), tcbInfo.getBytes(StandardCharsets.UTF_8))));
    c.put("qe_identity_issuer_chain", FakeVendorPki.pem(List.of(signing, root)));
    c.put("qe_identity", qeIdentity);
    c.put("qe_identity_signature", hex.formatHex(FakeVendorPki.sign("SHA256withECDSAinP1363Format",
        signingKey.getPrivate(), qeIdentity.getBytes(StandardCharsets.UTF_8))));
    return new ObjectMapper().writeValueAsBytes(c);
  }

  /** Authenticates {@code quote} with {@code collateral}, trusting only this PKI's root. */
  Authentication authenticate(byte[] quote, byte[] collateral) throws Exception {
    return EvidenceFormats.parse(quote).authenticate(
        TrustAnchors.hardwareOnly(new HardwareRoots(root, List.of())),
        new CollateralInput(IntelCollateral.parse(collateral, "fake collateral"), List.of()), FakeVendorPki.NOW);
  }
}
