package io.sereca.attestation;

import static io.sereca.attestation.Fixtures.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sereca.attestation.internal.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationAuthorityTest {

  @TempDir Path tmp;

  @Test
  void firstUseCreatesRootAndPlatformCertificatesWithWarningNames() throws Exception {
    SimulationAuthority authority = Fixtures.authority(tmp.resolve("sim"));

    assertThat(authority.rootCertificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=SERECA SIMULATION ROOT CA - NOT FOR PRODUCTION");
    assertThat(authority.platformCertificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=SERECA SIMULATED PLATFORM");
    assertThat(authority.platformCertificate().getIssuerX500Principal())
        .isEqualTo(authority.rootCertificate().getSubjectX500Principal());
    authority.platformCertificate().verify(authority.rootCertificate().getPublicKey());
    assertThat(authority.rootCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(authority.platformCertificate().getBasicConstraints()).isEqualTo(-1);
    assertThat(authority.rootCertificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void rootIsValidForTenYears() throws Exception {
    SimulationAuthority authority = Fixtures.authority(tmp);

    authority.rootCertificate().checkValidity(java.util.Date.from(Fixtures.T0.plusSeconds(3600L * 24 * 3640)));
    assertThatThrownBy(() -> authority.rootCertificate()
        .checkValidity(java.util.Date.from(Fixtures.T0.plusSeconds(3600L * 24 * 3660))))
        .isInstanceOf(java.security.cert.CertificateExpiredException.class);
  }

  @Test
  void keysAndSecretsAreReadableByTheOwnerOnly() throws Exception {
    Path dir = tmp.resolve("sim-platform");
    assumeThat(PrivateFiles.posix(tmp)).as("POSIX file system").isTrue();

    Fixtures.authority(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    for (String name : List.of(SimulationAuthority.ROOT_CERTIFICATE_FILE, SimulationAuthority.ROOT_KEY_FILE,
        SimulationAuthority.PLATFORM_CERTIFICATE_FILE, SimulationAuthority.PLATFORM_KEY_FILE,
        SimulationAuthority.SEAL_SECRET_FILE)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
          .as(name).isEqualTo("rw-------");
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void filesArePemAndPkcs8() throws Exception {
    Fixtures.authority(tmp);

    assertThat(Files.readString(tmp.resolve(SimulationAuthority.ROOT_CERTIFICATE_FILE)))
        .startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(Files.readString(tmp.resolve(SimulationAuthority.PLATFORM_KEY_FILE)))
        .startsWith("-----BEGIN PRIVATE KEY-----\n");
  }

  @Test
  void reopeningLoadsTheSameRootKeyAndSealSecret() throws Exception {
    SimulationAuthority first = Fixtures.authority(tmp);
    SimulationAuthority second = SimulationAuthority.open(tmp);

    assertThat(second.rootCertificate()).isEqualTo(first.rootCertificate());
    assertThat(second.platformCertificate()).isEqualTo(first.platformCertificate());
    assertThat(second.sealSecret()).isEqualTo(first.sealSecret());
  }

  @Test
  void installationsHaveDifferentRootsAndSealSecrets() throws Exception {
    SimulationAuthority one = Fixtures.authority(tmp.resolve("one"));
    SimulationAuthority two = Fixtures.authority(tmp.resolve("two"));

    assertThat(two.rootCertificate()).isNotEqualTo(one.rootCertificate());
    assertThat(two.sealSecret()).isNotEqualTo(one.sealSecret());
  }

  @Test
  void sealSecretIs32BytesReturnedAsACopy() throws Exception {
    SimulationAuthority authority = Fixtures.authority(tmp);
    byte[] secret = authority.sealSecret();

    secret[0] ^= 1;

    assertThat(secret).hasSize(32);
    assertThat(authority.sealSecret()).isNotEqualTo(secret);
    assertThat(Files.readAllBytes(tmp.resolve(SimulationAuthority.SEAL_SECRET_FILE)))
        .isEqualTo(authority.sealSecret());
  }

  @Test
  void concurrentFirstUseAgreesOnOneRoot() throws Exception {
    Path dir = tmp.resolve("race");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<SimulationAuthority>> openers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        openers.add(() -> SimulationAuthority.open(dir));
      }
      List<SimulationAuthority> opened = new ArrayList<>();
      for (Future<SimulationAuthority> future : pool.invokeAll(openers)) {
        opened.add(future.get());
      }
      assertThat(opened).extracting(SimulationAuthority::rootCertificate).containsOnly(opened.get(0).rootCertificate());
      assertThat(opened).extracting(a -> a.sealSecret()[0]).containsOnly(opened.get(0).sealSecret()[0]);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void interruptedCreationIsRedoneButKeepsTheSealSecret() throws Exception {
    SimulationAuthority first = Fixtures.authority(tmp);
    // A crash before the root certificate (written last) was in place.
    Files.delete(tmp.resolve(SimulationAuthority.ROOT_CERTIFICATE_FILE));

    SimulationAuthority second = Fixtures.authority(tmp);

    assertThat(second.rootCertificate()).isNotEqualTo(first.rootCertificate());
    assertThat(second.sealSecret()).isEqualTo(first.sealSecret());
    second.platformCertificate().verify(second.rootCertificate().getPublicKey());
  }

  @Test
  void refusesAPlatformKeyThatDoesNotMatchItsCertificate() throws Exception {
    Fixtures.authority(tmp.resolve("a"));
    Fixtures.authority(tmp.resolve("b"));
    Files.copy(tmp.resolve("b").resolve(SimulationAuthority.PLATFORM_KEY_FILE),
        tmp.resolve("a").resolve(SimulationAuthority.PLATFORM_KEY_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> SimulationAuthority.open(tmp.resolve("a")))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void refusesAPlatformCertificateFromAnotherRoot() throws Exception {
    Fixtures.authority(tmp.resolve("a"));
    Fixtures.authority(tmp.resolve("b"));
    for (String name : List.of(SimulationAuthority.PLATFORM_KEY_FILE, SimulationAuthority.PLATFORM_CERTIFICATE_FILE)) {
      Files.copy(tmp.resolve("b").resolve(name), tmp.resolve("a").resolve(name),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    assertThatThrownBy(() -> SimulationAuthority.open(tmp.resolve("a")))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("not issued by the root");
  }

  @Test
  void refusesACorruptSealSecret() throws Exception {
    Fixtures.authority(tmp);
    Files.write(tmp.resolve(SimulationAuthority.SEAL_SECRET_FILE), new byte[5]);

    assertThatThrownBy(() -> SimulationAuthority.open(tmp))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("holds 5 bytes, expected 32");
  }

  @Test
  void issueRefusesReportDataOfTheWrongLength() throws Exception {
    SimulationAuthority authority = Fixtures.authority(tmp);

    assertThatThrownBy(() -> authority.issue(IDENTITY, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bytes");
  }

  @Test
  void describesItselfAsSimulated() throws Exception {
    assertThat(Fixtures.authority(tmp).toString()).contains("SIMULATED");
  }
}
