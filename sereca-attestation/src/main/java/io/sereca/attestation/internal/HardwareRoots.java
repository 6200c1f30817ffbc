package io.sereca.attestation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The vendors' roots that hardware evidence must chain to, pinned as resources of this module
 * (see {@code roots/SOURCES.md} next to this class for their origin and fingerprints).
 */
public final class HardwareRoots {

  /** One AMD product line: its root (ARK), the ASK that signs VCEKs and the ASVK that signs VLEKs. */
  public record AmdProduct(String name, X509Certificate ark, X509Certificate ask, X509Certificate asvk) {}

  private static final HardwareRoots PINNED = load();

  private final X509Certificate intelRoot;
  private final List<AmdProduct> amdProducts;

  /** Roots given explicitly; tests use it to build evidence under another root. */
  public HardwareRoots(X509Certificate intelRoot, List<AmdProduct> amdProducts) {
    this.intelRoot = Objects.requireNonNull(intelRoot, "intelRoot");
    this.amdProducts = List.copyOf(amdProducts);
  }

  /** The roots pinned in this module's resources. */
  public static HardwareRoots pinned() {
    return PINNED;
  }

  /** The Intel SGX Root CA. */
  public X509Certificate intelRoot() {
    return intelRoot;
  }

  /** The AMD product lines (Milan, Genoa, Turin). */
  public List<AmdProduct> amdProducts() {
    return amdProducts;
  }

  private static HardwareRoots load() {
    X509Certificate intel = read("intel-sgx-root-ca.pem").get(0);
    List<AmdProduct> products = new ArrayList<>();
    for (String name : List.of("Milan", "Genoa", "Turin")) {
      // Each bundle holds ASK, ARK and ASVK, in that order, as AMD's KDS serves them.
      List<X509Certificate> certs = read("amd-" + name.toLowerCase(java.util.Locale.ROOT) + ".pem");
      products.add(new AmdProduct(name, certs.get(1), certs.get(0), certs.get(2)));
    }
    return new HardwareRoots(intel, products);
  }

  private static List<X509Certificate> read(String resource) {
    try (InputStream in = HardwareRoots.class.getResourceAsStream("roots/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("pinned root " + resource + " missing from the module");
      }
      List<X509Certificate> certs = new ArrayList<>();
      for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certs.add((X509Certificate) c);
      }
      return certs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pinned root " + resource, e);
    } catch (CertificateException e) {
      throw new IllegalStateException("pinned root " + resource + " is not a certificate", e);
    }
  }
}
