package io.sereca.attestation.internal;

import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The Intel SGX extensions of a PCK certificate (OID 1.2.840.113741.1.13.1): the platform's
 * FMSPC, its TCB (SGX TCB components 1-16, PCE SVN, CPUSVN) and PCE id. They select the TCB info
 * that rates the platform.
 *
 * <pre>
 * SGXExtensions ::= SEQUENCE OF SEQUENCE { OID, value }
 *   .1 PPID OCTET STRING, .2 TCB SEQUENCE OF { OID .2.1 .. .2.16 INTEGER (components),
 *   .2.17 INTEGER (PCESVN), .2.18 OCTET STRING (CPUSVN) }, .3 PCE-ID OCTET STRING,
 *   .4 FMSPC OCTET STRING (6), .5 SGX type ENUMERATED, ...
 * </pre>
 */
record PckExtensions(byte[] fmspc, byte[] pceId, int pceSvn, int[] tcbComponents) {

  static final String SGX_EXTENSIONS_OID = "1.2.840.113741.1.13.1";

  /** FMSPC in upper-case hex, the form TCB info uses. */
  String fmspcHex() {
    return HexFormat.of().withUpperCase().formatHex(fmspc);
  }

  /** Reads the extensions of {@code pck}. */
  static PckExtensions of(X509Certificate pck) throws Der.DerException {
    byte[] wrapped = pck.getExtensionValue(SGX_EXTENSIONS_OID);
    if (wrapped == null) {
      throw new Der.DerException("no SGX extensions (OID " + SGX_EXTENSIONS_OID + ")");
    }
    byte[] value = Der.parse(wrapped).expect(Der.OCTET_STRING, "extension value").content();
    byte[] fmspc = null;
    byte[] pceId = null;
    int pceSvn = -1;
    int[] components = null;
    for (Der.Element entry : Der.parse(value).expect(Der.SEQUENCE, "SGX extensions").children()) {
      java.util.List<Der.Element> pair = entry.expect(Der.SEQUENCE, "SGX extension").children();
      if (pair.size() != 2) {
        throw new Der.DerException("SGX extension entry is not an (OID, value) pair");
      }
      String oid = pair.get(0).oid("SGX extension id");
      Der.Element v = pair.get(1);
      switch (oid.substring(oid.lastIndexOf('.') + 1)) {
        case "2":
          if (!oid.equals(SGX_EXTENSIONS_OID + ".2")) {
            break;
          }
          components = new int[16];
          for (Der.Element tcb : v.expect(Der.SEQUENCE, "TCB").children()) {
            java.util.List<Der.Element> item = tcb.expect(Der.SEQUENCE, "TCB entry").children();
            if (item.size() != 2) {
              throw new Der.DerException("TCB entry is not an (OID, value) pair");
            }
            String tcbOid = item.get(0).oid("TCB component id");
            String prefix = SGX_EXTENSIONS_OID + ".2.";
            if (!tcbOid.startsWith(prefix) || !tcbOid.substring(prefix.length()).matches("[0-9]{1,2}")) {
              throw new Der.DerException("unexpected TCB component " + tcbOid);
            }
            int index = Integer.parseInt(tcbOid.substring(prefix.length()));
            if (index >= 1 && index <= 16) {
              components[index - 1] = item.get(1).intValue("TCB component " + index);
            } else if (index == 17) {
              pceSvn = item.get(1).intValue("PCESVN");
            }
          }
          break;
        case "3":
          if (oid.equals(SGX_EXTENSIONS_OID + ".3")) {
            pceId = v.expect(Der.OCTET_STRING, "PCE-ID").content();
          }
          break;
        case "4":
          if (oid.equals(SGX_EXTENSIONS_OID + ".4")) {
            fmspc = v.expect(Der.OCTET_STRING, "FMSPC").content();
          }
          break;
        default:
          break;
      }
    }
    if (fmspc == null || fmspc.length != 6) {
      throw new Der.DerException("FMSPC missing or not 6 bytes");
    }
    if (components == null || pceSvn < 0) {
      throw new Der.DerException("TCB components or PCESVN missing");
    }
    return new PckExtensions(fmspc, pceId == null ? new byte[0] : pceId, pceSvn, components);
  }

  @Override
  public String toString() {
    StringBuilder svns = new StringBuilder();
    for (int c : tcbComponents) {
      svns.append(svns.length() == 0 ? "" : ",").append(c);
    }
    return "FMSPC " + fmspcHex() + ", PCE SVN " + pceSvn + ", SGX TCB components [" + svns + "]";
  }
}
