package io.sereca.attestation;

import io.sereca.attestation.internal.CollateralInput;
import io.sereca.attestation.internal.IntelCollateral;
import io.sereca.attestation.internal.SnpCertTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a verifier needs besides the evidence itself, fetched from the vendor by whoever holds it:
 *
 * <ul>
 *   <li><b>Intel PCS collateral</b> (JSON with the TCB info, QE identity, CRLs, their signatures
 *       and issuer chains, as Phala's dcap-qvl stores it): lets the verifier rate the platform's
 *       {@link TcbStatus}, check revocation and check the quoting enclave. Without it, an Intel
 *       quote is still checked for signatures and the chain to the Intel root.
 *   <li><b>AMD certificates</b> for SEV-SNP: the VCEK (or VLEK) that signed the report, which the
 *       report does not carry. Given as a DER or PEM certificate, a PEM bundle (VCEK with ASK and
 *       ARK), or the SNP certificate table of an extended report (the configfs-tsm
 *       {@code auxblob}). Without it an SNP report cannot be verified.
 * </ul>
 *
 * <p>Immutable.
 */
public final class Collateral {

  /** Collateral files larger than this are refused unread; real ones are tens of KiB. */
  public static final long MAX_FILE_SIZE = 1 << 20;

  private static final Collateral NONE = new Collateral(CollateralInput.NONE, "none");

  private final CollateralInput input;
  private final String description;

  private Collateral(CollateralInput input, String description) {
    this.input = input;
    this.description = description;
  }

  /** No collateral. */
  public static Collateral none() {
    return NONE;
  }

  /** Certificates supplied directly, e.g. a VCEK fetched from AMD KDS. */
  public static Collateral ofCertificates(List<X509Certificate> certificates) {
    return new Collateral(new CollateralInput(null, certificates), certificates.size() + " certificate(s)");
  }

  /**
   * Loads collateral from a file: Intel collateral JSON, a PEM certificate or bundle, a DER
   * certificate, or an SNP certificate table, recognised by content.
   *
   * @throws InvalidCollateralException naming the file and what is wrong
   * @throws IOException if the file cannot be read
   */
  public static Collateral load(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_SIZE) {
      throw new InvalidCollateralException(file + ": larger than " + MAX_FILE_SIZE + " bytes");
    }
    return parse(Files.readAllBytes(file), file.toString());
  }

  /**
   * Parses collateral content, as {@link #load(Path)} does.
   *
   * @param source names the content in messages
   */
  public static Collateral parse(byte[] content, String source) throws InvalidCollateralException {
    Objects.requireNonNull(content, "content");
    String text = new String(content, StandardCharsets.ISO_8859_1);
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      return new Collateral(new CollateralInput(IntelCollateral.parse(content, source), List.of()),
          "Intel PCS collateral from " + source);
    }
    List<X509Certificate> certs;
    if (text.contains("-----BEGIN CERTIFICATE-----")) {
      certs = certificates(content, source, "PEM");
    } else if (content.length > 0 && content[0] == 0x30) {
      certs = certificates(content, source, "DER");
    } else if (SnpCertTable.looksLikeTable(content)) {
      certs = SnpCertTable.parse(content, source);
    } else {
      throw new InvalidCollateralException(source + ": not Intel collateral JSON, a PEM or DER "
          + "certificate, or an SNP certificate table");
    }
    return new Collateral(new CollateralInput(null, certs), certs.size() + " certificate(s) from " + source);
  }

  private static List<X509Certificate> certificates(byte[] content, String source, String form)
      throws InvalidCollateralException {
    try {
      List<X509Certificate> certs = new ArrayList<>();
      for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(content))) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new InvalidCollateralException(source + ": holds no certificate");
      }
      return certs;
    } catch (CertificateException | RuntimeException e) {
      throw new InvalidCollateralException(source + ": not a " + form + " certificate: " + e.getMessage(), e);
    }
  }

  /** This collateral together with {@code other} (e.g. Intel JSON from one file, more from another). */
  public Collateral and(Collateral other) {
    if (input.intel() != null && other.input.intel() != null) {
      throw new IllegalArgumentException("two sets of Intel collateral given; give one");
    }
    List<X509Certificate> certs = new ArrayList<>(input.certificates());
    certs.addAll(other.input.certificates());
    return new Collateral(new CollateralInput(input.intel() != null ? input.intel() : other.input.intel(), certs),
        this == NONE ? other.description : description + ", " + other.description);
  }

  /** Whether Intel PCS collateral is present. */
  public boolean hasIntelCollateral() {
    return input.intel() != null;
  }

  /** The certificates supplied (unmodifiable). */
  public List<X509Certificate> certificates() {
    return input.certificates();
  }

  CollateralInput input() {
    return input;
  }

  @Override
  public String toString() {
    return "Collateral{" + description + "}";
  }
}
