package io.sereca.attestation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sereca.attestation.InvalidCollateralException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Intel PCS collateral for one quote, in the JSON form of Phala's dcap-qvl
 * ({@code pck_crl_issuer_chain}, {@code root_ca_crl}, {@code pck_crl}, {@code tcb_info_issuer_chain},
 * {@code tcb_info}, {@code tcb_info_signature}, {@code qe_identity_issuer_chain},
 * {@code qe_identity}, {@code qe_identity_signature}). CRLs are hex DER or PEM; signatures are
 * hex r||s; {@code tcb_info} and {@code qe_identity} are the exact signed JSON text.
 *
 * <p>Parsing checks structure only; {@link IntelCollateralChecks} checks the signatures.
 */
public final class IntelCollateral {

  static final List<String> KEYS = List.of("pck_crl_issuer_chain", "root_ca_crl", "pck_crl",
      "tcb_info_issuer_chain", "tcb_info", "tcb_info_signature", "qe_identity_issuer_chain",
      "qe_identity", "qe_identity_signature");

  final List<X509Certificate> pckCrlIssuerChain;
  final X509CRL rootCaCrl;
  final X509CRL pckCrl;
  final List<X509Certificate> tcbInfoIssuerChain;
  final String tcbInfoText;
  final JsonNode tcbInfo;
  final byte[] tcbInfoSignature;
  final List<X509Certificate> qeIdentityIssuerChain;
  final String qeIdentityText;
  final JsonNode qeIdentity;
  final byte[] qeIdentitySignature;

  private IntelCollateral(JsonNode root, String source) throws InvalidCollateralException {
    Fields f = new Fields(root, source);
    pckCrlIssuerChain = f.chain("pck_crl_issuer_chain");
    rootCaCrl = f.crl("root_ca_crl");
    pckCrl = f.crl("pck_crl");
    tcbInfoIssuerChain = f.chain("tcb_info_issuer_chain");
    tcbInfoText = f.text("tcb_info");
    tcbInfo = f.json("tcb_info", tcbInfoText);
    tcbInfoSignature = f.signature("tcb_info_signature");
    qeIdentityIssuerChain = f.chain("qe_identity_issuer_chain");
    qeIdentityText = f.text("qe_identity");
    qeIdentity = f.json("qe_identity", qeIdentityText);
    qeIdentitySignature = f.signature("qe_identity_signature");
  }

  /**
   * Parses collateral JSON.
   *
   * @param source names the input in messages (a file name)
   */
  public static IntelCollateral parse(byte[] json, String source) throws InvalidCollateralException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new InvalidCollateralException(source + ": not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidCollateralException(source + ": expected a JSON object with keys " + KEYS);
    }
    return new IntelCollateral(root, source);
  }

  /** A date-time field of a signed structure, e.g. {@code nextUpdate}. */
  static Instant instant(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(value.textValue());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Reads and validates the fields of the JSON object. */
  private static final class Fields {
    private final JsonNode root;
    private final String source;

    Fields(JsonNode root, String source) {
      this.root = root;
      this.source = source;
    }

    String text(String key) throws InvalidCollateralException {
      JsonNode node = root.get(key);
      if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
        throw fail(key, node == null ? "missing" : "expected a non-empty string");
      }
      return node.textValue();
    }

    List<X509Certificate> chain(String key) throws InvalidCollateralException {
      String pem = text(key);
      try {
        List<X509Certificate> certs = new ArrayList<>();
        for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
          certs.add((X509Certificate) c);
        }
        if (certs.isEmpty()) {
          throw fail(key, "holds no certificate");
        }
        return List.copyOf(certs);
      } catch (CertificateException | RuntimeException e) {
        throw fail(key, "not a PEM certificate chain: " + e.getMessage());
      }
    }

    X509CRL crl(String key) throws InvalidCollateralException {
      String value = text(key).trim();
      byte[] der;
      try {
        der = value.startsWith("-----BEGIN")
            ? Pem.decode("X509 CRL", value, source + " key '" + key + "'")
            : HexFormat.of().parseHex(value);
      } catch (java.io.IOException | IllegalArgumentException e) {
        throw fail(key, "expected hex DER or a PEM X509 CRL: " + e.getMessage());
      }
      try {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
      } catch (CRLException | CertificateException | RuntimeException e) {
        throw fail(key, "not a DER CRL: " + e.getMessage());
      }
    }

    JsonNode json(String key, String text) throws InvalidCollateralException {
      try {
        JsonNode node = new ObjectMapper().readTree(text);
        if (node == null || !node.isObject() || !node.path("tcbLevels").isArray()) {
          throw fail(key, "expected a JSON object with tcbLevels");
        }
        return node;
      } catch (JsonProcessingException e) {
        throw fail(key, "not valid JSON: " + e.getOriginalMessage());
      }
    }

    byte[] signature(String key) throws InvalidCollateralException {
      String hex = text(key);
      try {
        byte[] sig = HexFormat.of().parseHex(hex);
        if (sig.length != 64) {
          throw fail(key, "expected 64 bytes (r||s), got " + sig.length);
        }
        return sig;
      } catch (IllegalArgumentException e) {
        throw fail(key, "not hex: " + e.getMessage());
      }
    }

    private InvalidCollateralException fail(String key, String problem) {
      return new InvalidCollateralException(source + ": key '" + key + "': " + problem);
    }
  }
}
