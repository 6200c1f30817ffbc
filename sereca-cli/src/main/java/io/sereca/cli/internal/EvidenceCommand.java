package io.sereca.cli.internal;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.MalformedEvidenceException;
import io.sereca.attestation.SimulatedEvidence;
import io.sereca.cli.SerecaCommand;
import io.sereca.host.EnclaveBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sereca attest evidence}: launches a bundle and has the enclave produce evidence binding
 * given report data, to try {@code sereca attest verify} on.
 */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = {
        "Launch a signed bundle and write the attestation evidence the enclave produces for the"
            + " given report data.",
        "On the sim and process backends the evidence is SIMULATED: signed by this installation's"
            + " simulation key (in the data directory), not by hardware."})
public final class EvidenceCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The signed bundle jar.")
  private Path bundle;

  @Mixin
  private BackendOption backend;

  @Mixin
  private DataDirOption data;

  @Option(names = "--report-data", required = true, paramLabel = "HEX",
      description = "Up to 64 bytes the evidence binds (zero-padded to 64), e.g. a hash of a"
          + " key and a nonce.")
  private String reportDataHex;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the evidence.")
  private Path out;

  @Override
  public Integer call() {
    byte[] given = HexArgument.parse(spec, "--report-data", reportDataHex, 1, Evidence.REPORT_DATA_LENGTH);
    byte[] reportData = Arrays.copyOf(given, Evidence.REPORT_DATA_LENGTH);
    EnclaveBundle loaded = MeasureCommand.load(bundle);
    PrintWriter w = spec.commandLine().getOut();
    SimulationBanner.printBackend(w, backend.backend());
    byte[] evidence;
    Path root;
    try (EnclaveSession session = EnclaveSession.launch(loaded, backend.backend(), data.dataDir(), 0,
        line -> { })) {
      evidence = EnclaveSession.await(session.enclave().attest(reportData), EnclaveSession.CALL_TIMEOUT,
          "producing evidence");
      root = session.simulationAuthority().rootCertificateFile();
    }
    Evidence parsed;
    try {
      parsed = SimulatedEvidence.parse(evidence);
    } catch (MalformedEvidenceException e) {
      throw CommandFailure.because("the backend produced evidence this CLI cannot parse", e);
    }
    try {
      Files.write(out, evidence);
    } catch (IOException e) {
      throw CommandFailure.because("cannot write the evidence to " + out, e);
    }
    w.println("wrote " + evidence.length + " bytes of evidence to " + out);
    w.println(parsed.describe());
    w.println("simulation root: " + root + " (name it as the policy's simulationRoot)");
    w.println("verify it with: sereca attest verify " + out + " --policy POLICY --report-data "
        + HexFormat.of().formatHex(reportData));
    w.flush();
    return SerecaCommand.EXIT_OK;
  }
}
