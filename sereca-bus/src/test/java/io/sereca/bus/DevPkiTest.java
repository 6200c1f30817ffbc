package io.sereca.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPkiTest {

  @TempDir
  Path dir;

  @Test
  void nodeCertificatesChainToTheCaUnderJdkPkixValidation() throws Exception {
    DevPki pki = DevPki.open(dir.resolve("pki"));
    DevPki.NodeCredentials node = pki.issueNode("node-1", "node-1.cluster.local");
    X509Certificate cert = DevPki.readCertificate(node.certificate());
    validate(cert, pki.caCertificate());

    assertThat(pki.caCertificate().getBasicConstraints()).isEqualTo(0);
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=node-1");
    assertThat(cert.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"), List.of(2, "localhost"),
        List.of(2, "node-1.cluster.local"));
    assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
  }

  @Test
  void aCertificateFromAnotherCaDoesNotValidate() throws Exception {
    DevPki ours = DevPki.open(dir.resolve("ours"));
    DevPki theirs = DevPki.open(dir.resolve("theirs"));
    X509Certificate foreign = DevPki.readCertificate(theirs.issueNode("intruder").certificate());
    assertThatThrownBy(() -> validate(foreign, ours.caCertificate())).isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void privateKeysAreOwnerOnlyPkcs8AndMatchTheirCertificates() throws Exception {
    DevPki pki = DevPki.open(dir.resolve("pki"));
    DevPki.NodeCredentials node = pki.issueNode("node-2");
    assertThat(Files.getPosixFilePermissions(node.privateKey())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("pki").resolve(DevPki.CA_KEY)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("pki"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    String pem = Files.readString(node.privateKey());
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(new byte[] {1});
    byte[] sig = s.sign();
    s.initVerify(DevPki.readCertificate(node.certificate()).getPublicKey());
    s.update(new byte[] {1});
    assertThat(s.verify(sig)).isTrue();
  }

  @Test
  void reopeningKeepsTheCaAndReissuingReplacesTheNodeFiles() throws Exception {
    DevPki first = DevPki.open(dir.resolve("pki"));
    DevPki.NodeCredentials a = first.issueNode("node-3");
    X509Certificate before = DevPki.readCertificate(a.certificate());
    DevPki again = DevPki.open(dir.resolve("pki"));
    assertThat(again.caCertificate()).isEqualTo(first.caCertificate());
    DevPki.NodeCredentials b = again.issueNode("node-3");
    X509Certificate after = DevPki.readCertificate(b.certificate());
    assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
    validate(after, first.caCertificate());
  }

  @Test
  void badNodeNamesAreRefused() throws Exception {
    DevPki pki = DevPki.open(dir.resolve("pki"));
    assertThatThrownBy(() -> pki.issueNode("../etc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pki.issueNode("a,CN=b")).isInstanceOf(IllegalArgumentException.class);
  }

  static void validate(X509Certificate cert, X509Certificate ca) throws Exception {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
  }
}
