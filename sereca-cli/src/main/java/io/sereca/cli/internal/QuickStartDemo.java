package io.sereca.cli.internal;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.Evidence;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.Provisioner;
import io.sereca.attestation.Verdict;
import io.sereca.enclave.boundary.SecretsCodec;
import io.sereca.enclave.crypto.ProvisioningCipher;
import io.sereca.host.BundleException;
import io.sereca.host.BundleSigner;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.ProvisioningRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The quick-start demo's script: each step prints what it did and checks what it got, so that
 * "demo OK" means the whole path worked: signing and measuring, launching, attestation with a
 * policy, provisioning a secret, and request/reply, sealing and an enclave-to-host request.
 */
final class QuickStartDemo {

  static final String SECRET_NAME = "greeting.key";
  private static final int STEPS = 9;
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
  private static final String INDENT = "      ";

  private final PrintWriter out;
  private final Path dataDir;
  private final String backend;
  private final SecureRandom random = new SecureRandom();
  private final HexFormat hex = HexFormat.of();
  private int step;
  private String stepTitle = "setup";

  QuickStartDemo(PrintWriter out, Path dataDir, String backend) {
    this.out = out;
    this.dataDir = dataDir;
    this.backend = backend;
  }

  /**
   * Runs every step.
   *
   * @throws CommandFailure naming the step that failed and why
   */
  void run() {
    long started = System.nanoTime();
    print("SERECA quick-start demo: backend " + backend + ", data directory " + dataDir);
    SimulationBanner.printBackend(out, backend);
    try {
      DemoWorkspace workspace = DemoWorkspace.open(dataDir);
      EnclaveBundle bundle = signAndMeasure(workspace);
      step("enclave launched on backend " + backend + " (SIMULATED, not hardware protection)");
      try (EnclaveSession session = EnclaveSession.launch(bundle, backend, dataDir, 0,
          line -> print(INDENT + line))) {
        detail("consuming", String.join(", ", session.addresses()));
        talk(session, bundle, attest(session, bundle, workspace));
      }
    } catch (CommandFailure e) {
      throw new CommandFailure("demo failed at step " + step + "/" + STEPS + " (" + stepTitle + "): "
          + e.getMessage(), e);
    }
    print(String.format("demo OK (%.1f s)", (System.nanoTime() - started) / 1e9));
  }

  private EnclaveBundle signAndMeasure(DemoWorkspace workspace) {
    step("bundle signed and measured: " + ExampleBundle.NAME + " (" + ExampleBundle.APP_CLASS + ")");
    DemoWorkspace.SigningKey key = workspace.signingKey();
    detail("signing key", key.privateKeyFile() + (key.generated() ? " (generated now)" : " (reused)"));
    byte[] signed;
    try {
      signed = BundleSigner.sign(ExampleBundle.unsignedJar(), ExampleBundle.NAME,
          key.pair().getPrivate(), key.pair().getPublic());
    } catch (BundleException e) {
      throw new CommandFailure(e.getMessage(), e);
    }
    Path file = workspace.writeBundle(signed);
    EnclaveBundle bundle;
    try {
      bundle = EnclaveBundle.fromBytes(signed, file.toString());
    } catch (BundleException e) {
      throw new CommandFailure(e.getMessage(), e);
    }
    detail("bundle", file.toString());
    detail("measurement", hex.formatHex(bundle.measurement()));
    detail("signer", hex.formatHex(bundle.signerId()));
    return bundle;
  }

  /** Attests the enclave, shows the default policy refusing, and provisions the secret. */
  private byte[] attest(EnclaveSession session, EnclaveBundle bundle, DemoWorkspace workspace) {
    step("attestation: nonce -> evidence -> verified");
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    detail("nonce", hex.formatHex(nonce));
    ProvisioningRequest request = EnclaveSession.await(session.enclave().requestProvisioning(nonce),
        EnclaveSession.CALL_TIMEOUT, "asking the enclave for evidence and a provisioning key");
    byte[] evidence = request.evidence();
    byte[] reportData = reportData(request.publicKey(), nonce);
    String measurement = hex.formatHex(bundle.measurement());
    Path root = session.simulationAuthority().rootCertificateFile();
    Path policyFile = workspace.writePolicy(measurement, root);
    AttestationPolicy demoPolicy = loadPolicy(policyFile).setExpectedReportData(reportData);
    EvidenceVerifier verifier = EvidenceVerifier.create();
    Verdict verdict = verifier.verify(evidence, demoPolicy);
    Evidence parsed = verdict.evidence().orElseThrow(() -> new CommandFailure(
        "the enclave's evidence is malformed: " + String.join("; ", verdict.reasons())));
    detail("evidence", evidence.length + " bytes, " + parsed.teeType().label()
        + ", binds SHA-256(enclave key || nonce)");
    detail("policy", policyFile + ": pins measurement " + measurement.substring(0, 16)
        + "..., allowSimulation=true (set explicitly, for this demo only)");
    if (!verdict.accepted()) {
      throw new CommandFailure("the demo policy refused the evidence: " + String.join("; ", verdict.reasons()));
    }
    detail("verdict", "ACCEPTED (SIMULATED evidence)");

    step("the default policy (allowSimulation=false) refuses the same evidence");
    AttestationPolicy defaults = new AttestationPolicy().addAllowedMeasurement(measurement)
        .setSimulationRoot(root).setExpectedReportData(reportData);
    Verdict refused = verifier.verify(evidence, defaults);
    if (refused.accepted()) {
      throw new CommandFailure("the default policy accepted simulated evidence");
    }
    detail("verdict", "REFUSED: " + String.join("; ", refused.reasons()));

    step("secret " + SECRET_NAME + " provisioned, encrypted to the enclave's key");
    EnclaveReply before = session.request("hello.sign", "before", REPLY_TIMEOUT);
    if (before.succeeded()) {
      throw new CommandFailure("hello.sign answered before any secret was provisioned");
    }
    detail("before", "hello.sign -> " + before.describe());
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    byte[] ciphertext;
    try {
      ciphertext = Provisioner.encryptSecrets(verdict, request.publicKey(), nonce,
          SecretsCodec.encode(Map.of(SECRET_NAME, secret)));
    } catch (GeneralSecurityException e) {
      throw CommandFailure.because("encrypting the secret", e);
    }
    EnclaveSession.await(session.enclave().provision(ciphertext), EnclaveSession.CALL_TIMEOUT,
        "provisioning the secret");
    detail("provisioned", secret.length + "-byte key to X25519 key "
        + hex.formatHex(request.publicKey()).substring(0, 16) + "...; the host relayed "
        + ciphertext.length + " bytes of ciphertext only");
    return secret;
  }

  /** Talks to the provisioned enclave and checks every answer. */
  private void talk(EnclaveSession session, EnclaveBundle bundle, byte[] secret) {
    step("hello.greet: request/reply");
    EnclaveReply greeting = expect(session.request("hello.greet", "SERECA", REPLY_TIMEOUT), "hello.greet");
    String prefix = hex.formatHex(bundle.measurement()).substring(0, 16);
    check(greeting.text().equals("Hello, SERECA!") && prefix.equals(greeting.headers().get("enclave")),
        "unexpected greeting: " + greeting.describe());
    detail("reply", greeting.describe());

    step("hello.sign: HMAC-SHA256 under " + SECRET_NAME + ", computed inside the enclave");
    String message = "attested hello";
    EnclaveReply signature = expect(session.request("hello.sign", message, REPLY_TIMEOUT), "hello.sign");
    String ours = hmac(secret, message);
    check(signature.text().equals(ours), "the enclave's HMAC " + signature.text()
        + " differs from the demo's " + ours);
    detail("reply", signature.text() + " (matches the demo's own HMAC)");

    step("hello.seal / hello.unseal: sealed to the measurement and back");
    byte[] plain = "sealed by the demo".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = expect(session.request("hello.seal", plain, REPLY_TIMEOUT), "hello.seal").body();
    check(sealed.length > plain.length && !Arrays.equals(sealed, plain), "hello.seal returned no ciphertext");
    detail("sealed", sealed.length + " bytes");
    EnclaveReply unsealed = expect(session.request("hello.unseal", sealed, REPLY_TIMEOUT), "hello.unseal");
    check(Arrays.equals(unsealed.body(), plain), "hello.unseal returned " + unsealed.describe());
    detail("unsealed", unsealed.text());

    step("hello.ask: the enclave asks the host (" + EnclaveSession.CLOCK_ADDRESS + ")");
    EnclaveReply answer = expect(session.request("hello.ask", "", REPLY_TIMEOUT), "hello.ask");
    check(answer.text().startsWith("the host says it is ") && session.clockRequestsAnswered() > 0,
        "unexpected answer: " + answer.describe());
    detail("reply", answer.text());
  }

  private AttestationPolicy loadPolicy(Path file) {
    try {
      return AttestationPolicy.load(file);
    } catch (IOException e) {
      throw CommandFailure.because("cannot load the demo policy " + file, e);
    }
  }

  private static byte[] reportData(byte[] publicKey, byte[] nonce) {
    try {
      return ProvisioningCipher.reportData(publicKey, nonce);
    } catch (GeneralSecurityException e) {
      throw CommandFailure.because("computing the expected report data", e);
    }
  }

  private static String hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  private static EnclaveReply expect(EnclaveReply reply, String address) {
    check(reply.succeeded(), address + " -> " + reply.describe());
    return reply;
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new CommandFailure(problem);
    }
  }

  private void step(String title) {
    step++;
    stepTitle = title;
    print("[" + step + "/" + STEPS + "] " + title);
  }

  private void detail(String key, String value) {
    print(INDENT + String.format("%-12s %s", key, value));
  }

  private void print(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
