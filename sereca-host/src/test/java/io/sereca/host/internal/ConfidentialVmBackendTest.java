package io.sereca.host.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.attestation.SimulationAuthority;
import io.sereca.attestation.TeeType;
import io.sereca.enclave.crypto.ProvisioningCipher;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.LaunchOptions;
import io.sereca.host.ProvisioningRequest;
import io.sereca.host.SignerKeys;
import io.sereca.host.TeeEvidenceFiles;
import io.sereca.host.TestBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tdx and sev-snp backends against a fake configfs-tsm tree serving real public evidence.
 *
 * <p>The fake: a temp directory as the report root, and a {@link ConfigfsTsm.KernelHook} doing
 * what the kernel does on its own (populate an instance at mkdir, produce outblob after inblob
 * is written, bump generation on each write). The outblob is the recorded quote, which binds
 * other report data than ours: the tests check what was written to inblob separately.
 */
class ConfidentialVmBackendTest {

  @TempDir Path tmp;
  private HostWorkspace workspace;
  private SimulationAuthority authority;
  private ScheduledExecutorService scheduler;
  private EnclaveBundle bundle;
  private final List<byte[]> inblobs = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    workspace = HostWorkspace.create();
    authority = SimulationAuthority.open(tmp.resolve("sim"));
    scheduler = Executors.newSingleThreadScheduledExecutor();
    bundle = TestBundles.signed(SignerKeys.generate(), 1, 1, 64);
  }

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
    workspace.delete();
  }

  /** A kernel stand-in serving {@code outblob}; {@code extraWrites} per attempt emulate racers. */
  private ConfigfsTsm fakeTsm(String provider, byte[] outblob, byte[] auxblob, int... extraWrites)
      throws IOException {
    Path root = Files.createDirectories(tmp.resolve("tsm/report"));
    ConfigfsTsm tsm = new ConfigfsTsm(root, 3);
    AtomicInteger attempt = new AtomicInteger();
    tsm.kernelHook(new ConfigfsTsm.KernelHook() {
      @Override
      public void created(Path dir) throws IOException {
        Files.writeString(dir.resolve("generation"), "0\n");
        Files.writeString(dir.resolve("provider"), provider + "\n");
        Files.write(dir.resolve("inblob"), new byte[0]);
        Files.write(dir.resolve("outblob"), new byte[0]);
        if (auxblob != null) {
          Files.write(dir.resolve("auxblob"), auxblob);
        }
      }

      @Override
      public void written(Path dir) throws IOException {
        inblobs.add(Files.readAllBytes(dir.resolve("inblob")));
        int n = attempt.getAndIncrement();
        int racers = n < extraWrites.length ? extraWrites[n] : 0;
        Files.writeString(dir.resolve("generation"), (1 + racers) + "\n");
        Files.write(dir.resolve("outblob"), outblob);
      }
    });
    return tsm;
  }

  private Enclave launch(ConfidentialVmBackend backend) throws Exception {
    return ManagedEnclave.launch(bundle, backend, new LaunchOptions().setBackend(backend.name()),
        (e, o) -> {}, workspace, authority, scheduler).get(60, TimeUnit.SECONDS);
  }

  private static byte[] nonce() {
    byte[] n = new byte[32];
    for (int i = 0; i < n.length; i++) {
      n[i] = (byte) (0xA0 + i);
    }
    return n;
  }

  @Test
  void tdxEvidenceIsTheTsmQuoteAndBindsTheProvisioningKey() throws Exception {
    byte[] quote = Files.readAllBytes(TeeEvidenceFiles.get("tdx/phala_tdx_quote.bin"));
    ConfidentialVmBackend tdx = ConfidentialVmBackend.tdx(new SimBackend(), fakeTsm("tdx_guest", quote, null));
    assertThat(tdx.teeType()).isEqualTo(TeeType.TDX);
    assertThat(tdx.simulated()).isFalse();
    try (Enclave e = launch(tdx)) {
      assertThat(e.simulated()).isFalse();
      ProvisioningRequest req = e.requestProvisioning(nonce()).get(30, TimeUnit.SECONDS);
      assertThat(req.evidence()).isEqualTo(quote);
      assertThat(inblobs).hasSize(1);
      assertThat(inblobs.get(0)).hasSize(64)
          .isEqualTo(ProvisioningCipher.reportData(req.publicKey(), nonce()));
    }
    assertThat(Files.list(tmp.resolve("tsm/report"))).as("report instances are removed").isEmpty();
  }

  @Test
  void snpEvidenceIsTheReportAndTheCertificateTableIsRead() throws Exception {
    byte[] report = Files.readAllBytes(TeeEvidenceFiles.get("snp/virtee_report_milan.bin"));
    byte[] vcek = Files.readAllBytes(TeeEvidenceFiles.get("snp/virtee_vcek_milan.der"));
    ConfigfsTsm tsm = fakeTsm("sev_guest", report, vcek);
    ConfidentialVmBackend snp = ConfidentialVmBackend.sevSnp(new SimBackend(), tsm);
    assertThat(snp.teeType()).isEqualTo(TeeType.SEV_SNP);
    try (Enclave e = launch(snp)) {
      ProvisioningRequest req = e.requestProvisioning(nonce()).get(30, TimeUnit.SECONDS);
      assertThat(req.evidence()).isEqualTo(report).hasSize(1184);
      assertThat(req.collateral()).as("the VCEK travels with the report").isEqualTo(vcek);
      assertThat(inblobs.get(0)).isEqualTo(ProvisioningCipher.reportData(req.publicKey(), nonce()));
    }
    ConfigfsTsm.Report direct = snp.evidence(new byte[64]);
    assertThat(direct.auxblob()).isEqualTo(vcek);
    assertThat(direct.provider()).isEqualTo("sev_guest");
  }

  @Test
  void aRaceOnTheGenerationIsRetriedThenRefused() throws Exception {
    byte[] quote = Files.readAllBytes(TeeEvidenceFiles.get("tdx/phala_tdx_quote.bin"));
    ConfigfsTsm once = fakeTsm("tdx_guest", quote, null, 1);
    assertThat(once.report(new byte[64]).outblob()).as("second attempt succeeds").isEqualTo(quote);
    assertThat(inblobs).hasSize(2);

    ConfigfsTsm always = fakeTsm("tdx_guest", quote, null, 1, 1, 1);
    assertThatThrownBy(() -> always.report(new byte[64]))
        .hasMessageContaining("raced: generation went from 0 to 2")
        .hasMessageContaining("gave up after 3 attempts");
  }

  @Test
  void aWrongProviderIsRefused() throws Exception {
    byte[] report = Files.readAllBytes(TeeEvidenceFiles.get("snp/virtee_report_milan.bin"));
    ConfidentialVmBackend tdx = ConfidentialVmBackend.tdx(new SimBackend(), fakeTsm("sev_guest", report, null));
    try (Enclave e = launch(tdx)) {
      CompletableFuture<ProvisioningRequest> f = e.requestProvisioning(nonce());
      assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("provider is 'sev_guest', but the tdx backend expects 'tdx_guest'");
    }
  }

  @Test
  void emptyOversizeOrMissingBlobsAreRefusedNamingTheFile() throws Exception {
    assertThatThrownBy(() -> fakeTsm("tdx_guest", new byte[0], null).report(new byte[64]))
        .hasMessageContaining("outblob holds 0 bytes, expected at least 1");
    Files.walk(tmp.resolve("tsm")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    assertThatThrownBy(() -> fakeTsm("tdx_guest", new byte[ConfigfsTsm.MAX_OUTBLOB + 1], null).report(new byte[64]))
        .hasMessageContaining("outblob holds more than 65536 bytes");
    assertThatThrownBy(() -> fakeTsm("tdx_guest", new byte[10], null).report(new byte[63]))
        .hasMessageContaining("inblob must be 64 bytes, was 63");
    ConfigfsTsm noGeneration = new ConfigfsTsm(Files.createDirectories(tmp.resolve("bare")), 3);
    assertThatThrownBy(() -> noGeneration.report(new byte[64])).hasMessageContaining("generation does not exist");
  }

  @Test
  void withoutConfigfsTsmTheLaunchIsRefusedSayingWhy() {
    ConfidentialVmBackend tdx = ConfidentialVmBackend.tdx(new SimBackend(),
        new ConfigfsTsm(tmp.resolve("no/such/tsm/report"), 3));
    assertThatThrownBy(() -> launch(tdx)).hasMessageContaining("needs configfs-tsm at")
        .hasMessageContaining("which does not exist");
  }
}
