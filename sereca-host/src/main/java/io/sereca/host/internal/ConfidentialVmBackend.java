package io.sereca.host.internal;

import io.sereca.attestation.TeeType;
import io.sereca.host.spi.EnclaveBackend;
import io.sereca.host.spi.EnclaveChannel;
import io.sereca.host.spi.EnclaveLaunchException;
import io.sereca.host.spi.LaunchContext;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code tdx} and {@code sev-snp} backends. In a confidential VM the whole VM is the TEE: the
 * enclave code runs on an ordinary backend inside it ({@code process} by default) and evidence
 * comes from configfs-tsm, binding the enclave's report data to the VM's measurement.
 *
 * <p>Threat model: the CVM protects against the cloud host and hypervisor; it does <b>not</b>
 * protect the enclave from other processes or root inside the same VM. The VM image must be
 * trusted (measured boot); the hardware evidence measures the VM, not the bundle.
 */
public final class ConfidentialVmBackend implements EnclaveBackend {

  private final String name;
  private final TeeType teeType;
  private final String expectedProvider;
  private final EnclaveBackend inner;
  private final ConfigfsTsm tsm;

  private ConfidentialVmBackend(String name, TeeType teeType, String expectedProvider,
      EnclaveBackend inner, ConfigfsTsm tsm) {
    this.name = name;
    this.teeType = teeType;
    this.expectedProvider = expectedProvider;
    this.inner = inner;
    this.tsm = tsm;
  }

  /** The {@code tdx} backend (provider {@code tdx_guest}). */
  public static ConfidentialVmBackend tdx(EnclaveBackend inner, ConfigfsTsm tsm) {
    return new ConfidentialVmBackend("tdx", TeeType.TDX, "tdx_guest", inner, tsm);
  }

  /** The {@code sev-snp} backend (provider {@code sev_guest}). */
  public static ConfidentialVmBackend sevSnp(EnclaveBackend inner, ConfigfsTsm tsm) {
    return new ConfidentialVmBackend("sev-snp", TeeType.SEV_SNP, "sev_guest", inner, tsm);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean simulated() {
    return false;
  }

  /** The kind of evidence this backend produces. */
  public TeeType teeType() {
    return teeType;
  }

  @Override
  public EnclaveChannel open(LaunchContext ctx) throws EnclaveLaunchException {
    if (!tsm.available()) {
      throw new EnclaveLaunchException("the " + name + " backend needs configfs-tsm at " + tsm.root()
          + ", which does not exist: run inside a " + teeType.label() + " guest with Linux 6.7+ and"
          + " configfs mounted (mount -t configfs none /sys/kernel/config)");
    }
    EnclaveChannel channel = inner.open(ctx);
    return new EnclaveChannel() {
      @Override
      public CompletableFuture<byte[]> call(byte[] ecallFrame) {
        return channel.call(ecallFrame);
      }

      @Override
      public CompletableFuture<byte[]> quote(byte[] reportData) {
        try {
          return CompletableFuture.completedFuture(evidence(reportData).outblob());
        } catch (IOException | EnclaveLaunchException e) {
          return CompletableFuture.failedFuture(e);
        }
      }

      @Override
      public CompletableFuture<Quote> quoteWithCollateral(byte[] reportData) {
        try {
          ConfigfsTsm.Report report = evidence(reportData);
          return CompletableFuture.completedFuture(new Quote(report.outblob(), report.auxblob()));
        } catch (IOException | EnclaveLaunchException e) {
          return CompletableFuture.failedFuture(e);
        }
      }

      @Override
      public void close() {
        channel.close();
      }
    };
  }

  /** A report from configfs-tsm, refused if the provider is not this backend's. */
  ConfigfsTsm.Report evidence(byte[] reportData) throws IOException, EnclaveLaunchException {
    ConfigfsTsm.Report report = tsm.report(reportData);
    if (!report.provider().equals(expectedProvider)) {
      throw new EnclaveLaunchException("configfs-tsm provider is '" + report.provider().replaceAll("[^\\x20-\\x7e]", "?")
          + "', but the " + name + " backend expects '" + expectedProvider + "'");
    }
    return report;
  }
}
