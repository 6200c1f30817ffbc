package io.sereca.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collateral is recognised by content: Intel JSON, PEM, DER, or an SNP certificate table. */
class CollateralTest {

  @TempDir Path dir;

  @Test
  void loadsIntelCollateralJson() {
    Collateral collateral = TeeTestData.collateral(TeeTestData.SGX_COLLATERAL);

    assertThat(collateral.hasIntelCollateral()).isTrue();
    assertThat(collateral.certificates()).isEmpty();
  }

  @Test
  void loadsADerVcekAndAPemBundle() {
    assertThat(TeeTestData.collateral(TeeTestData.SNP_VCEK).certificates()).singleElement()
        .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("CN=SEV-VCEK"));
    assertThat(TeeTestData.collateral("snp/trustee_genoa_ask_ark_asvk.pem").certificates()).hasSize(3);
  }

  @Test
  void loadsAnSnpCertificateTableAsTheConfigfsTsmAuxblobCarriesIt() throws Exception {
    byte[] vcek = TeeTestData.bytes(TeeTestData.SNP_VCEK);
    byte[] ask = Collateral.load(TeeTestData.file("snp/virtee_ask_milan.pem")).certificates().get(0).getEncoded();
    // Two entries, a zero terminator and padding, then the certificates (GHCB spec, little-endian).
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    int offset = 4 * 24;
    table.write(entry("63da758de6644564adc5f4b93be8accd", offset, vcek.length));
    table.write(entry("4ab7b379bbac4fe4a02f05aef327c782", offset + vcek.length, ask.length));
    table.write(new byte[24]);
    table.write(new byte[24]);
    table.write(vcek);
    table.write(ask);
    Path file = Files.write(dir.resolve("auxblob"), table.toByteArray());

    List<X509Certificate> certs = Collateral.load(file).certificates();

    assertThat(certs).hasSize(2);
    Verdict verdict = EvidenceVerifier.create().checkGenuine(TeeTestData.bytes(TeeTestData.SNP_REPORT), null,
        Collateral.load(file), TeeTestData.PINNED);
    assertThat(verdict.accepted()).as(verdict.checks().toString()).isTrue();
  }

  @Test
  void anSnpCertificateTablePointingOutsideItselfIsRefused() throws Exception {
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    table.write(entry("63da758de6644564adc5f4b93be8accd", 48, 5000));
    table.write(new byte[24]);
    table.write(new byte[100]);

    assertThatThrownBy(() -> Collateral.parse(table.toByteArray(), "auxblob"))
        .isInstanceOf(InvalidCollateralException.class)
        .hasMessageContaining("auxblob: SNP certificate table: field 'entry 0 offset' at offset 16")
        .hasMessageContaining("lies outside the 148-byte table");
  }

  @Test
  void brokenIntelCollateralNamesTheKey() {
    String json = "{\"pck_crl_issuer_chain\": \"x\"}";

    assertThatThrownBy(() -> Collateral.parse(json.getBytes(StandardCharsets.UTF_8), "c.json"))
        .isInstanceOf(InvalidCollateralException.class)
        .hasMessageStartingWith("c.json: key 'pck_crl_issuer_chain': not a PEM certificate chain");
  }

  @Test
  void somethingElseIsNotCollateral() {
    assertThatThrownBy(() -> Collateral.parse("hello".getBytes(StandardCharsets.UTF_8), "x.txt"))
        .isInstanceOf(InvalidCollateralException.class)
        .hasMessage("x.txt: not Intel collateral JSON, a PEM or DER certificate, or an SNP certificate table");
  }

  private static byte[] entry(String guidHex, int offset, int length) {
    byte[] entry = new byte[24];
    System.arraycopy(HexFormat.of().parseHex(guidHex), 0, entry, 0, 16);
    for (int i = 0; i < 4; i++) {
      entry[16 + i] = (byte) (offset >> (8 * i));
      entry[20 + i] = (byte) (length >> (8 * i));
    }
    return entry;
  }
}
