package io.sereca.enclave.internal;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.EcallResult;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.enclave.boundary.SecretsCodec;
import io.sereca.enclave.crypto.ProvisioningCipher;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The enclave's single entry point: takes an ecall frame, returns an ecall result frame, and emits
 * ocall frames through the sink given at construction.
 *
 * <p>Only JDK types cross ({@code Function<byte[], byte[]>} and {@code Consumer<byte[]>}), so the
 * host can load this class in an isolated class loader or in a child JVM and talk to it with byte
 * arrays alone. Every input is copied before it is decoded, so a host that mutates an array after
 * handing it over cannot change what the enclave validated.
 */
public final class EnclaveRuntime implements Function<byte[], byte[]> {

  /** Where a bundle carries its config (the host's EnclaveConfig.ENTRY). */
  static final String CONFIG_ENTRY = "META-INF/sereca/enclave.properties";

  private final Consumer<byte[]> ocallSink;
  private final BoundaryLimits limits;
  private final Dispatcher dispatcher;
  private boolean inCall;
  private boolean stopped;
  private boolean initFailed;
  private EnclaveApp app;
  private RuntimeContext context;
  private KeyPair provisioningKey;
  private byte[] provisioningReportData;
  /** The platform's attestation device, or null on simulated platforms (the host quotes). */
  private final AttestationDevice device;

  /**
   * Creates the runtime.
   *
   * @param ocallSink receives each ocall frame; the runtime never touches a frame after handing it
   *     over
   * @param maxFrameBytes the boundary's frame limit
   */
  public EnclaveRuntime(Consumer<byte[]> ocallSink, Integer maxFrameBytes) {
    this(ocallSink, maxFrameBytes, null);
  }

  /**
   * Creates a runtime that quotes and derives its sealing keys through {@code device} (under
   * Gramine), ignoring the seal secret the host sends in INIT.
   */
  EnclaveRuntime(Consumer<byte[]> ocallSink, Integer maxFrameBytes, AttestationDevice device) {
    this.ocallSink = ocallSink;
    this.limits = BoundaryLimits.withMaxFrameBytes(maxFrameBytes);
    this.dispatcher = new Dispatcher(this::emit);
    this.device = device;
  }

  @Override
  public synchronized byte[] apply(byte[] frame) {
    if (inCall) {
      return EcallResult.error("re-entrant ecall refused: the enclave is single-threaded").encode();
    }
    inCall = true;
    try {
      if (frame == null) {
        return EcallResult.error("rejected at boundary: null frame").encode();
      }
      // No copy of the whole frame: the decoder reads each host byte once into enclave-owned
      // values (FrameReader), which is what copying first would protect.
      Ecall call = Ecall.decode(frame, limits);
      return handle(call).encode();
    } catch (BoundaryException e) {
      return EcallResult.error("rejected at boundary: " + e.getMessage()).encode();
    } catch (RuntimeException e) {
      // Never let the host see an enclave stack trace or an exception message that might carry data.
      return EcallResult.error("enclave error: " + e.getClass().getName()).encode();
    } finally {
      inCall = false;
    }
  }

  private void emit(Ocall ocall) {
    byte[] frame = ocall.encode();
    limits.checkFrame(frame.length);
    ocallSink.accept(frame);
  }

  private EcallResult handle(Ecall call) {
    if (stopped) {
      return EcallResult.error("enclave is shut down");
    }
    if (call instanceof Ecall.Echo) {
      return EcallResult.ok(((Ecall.Echo) call).payload());
    }
    if (initFailed) {
      return EcallResult.error("enclave not initialised: its app's init failed; relaunch the enclave");
    }
    if (call instanceof Ecall.Init) {
      return init((Ecall.Init) call);
    }
    if (app == null) {
      return EcallResult.error("enclave not initialised: INIT must come first");
    }
    if (call instanceof Ecall.Deliver) {
      Ecall.Deliver d = (Ecall.Deliver) call;
      dispatcher.deliver(d.address(), d.headers(), d.body(), d.replyToken());
      return EcallResult.ok(new byte[0]);
    }
    if (call instanceof Ecall.ReplyResult) {
      return dispatcher.complete((Ecall.ReplyResult) call)
          ? EcallResult.ok(new byte[0])
          : EcallResult.error("unknown request id " + ((Ecall.ReplyResult) call).requestId());
    }
    if (call instanceof Ecall.ProvisionKey) {
      return provisionKey(((Ecall.ProvisionKey) call).nonce());
    }
    if (call instanceof Ecall.Provision) {
      return provision(((Ecall.Provision) call).message());
    }
    if (call instanceof Ecall.Attest) {
      return attest(((Ecall.Attest) call).reportData());
    }
    if (call instanceof Ecall.Shutdown) {
      stopped = true;
      try {
        app.stop();
      } catch (RuntimeException e) {
        return EcallResult.error("app stop failed: " + e.getClass().getName());
      }
      return EcallResult.ok(new byte[0]);
    }
    return EcallResult.error("unhandled ecall " + call.getClass().getSimpleName());
  }

  private EcallResult init(Ecall.Init init) {
    if (app != null) {
      return EcallResult.error("enclave already initialised");
    }
    Class<?> type;
    try {
      type = Class.forName(init.appClass(), true, EnclaveRuntime.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return EcallResult.error("app class " + init.appClass() + " not found in the bundle");
    }
    if (!EnclaveApp.class.isAssignableFrom(type)) {
      return EcallResult.error("app class " + init.appClass() + " does not implement EnclaveApp");
    }
    EnclaveApp instance;
    try {
      instance = (EnclaveApp) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      return EcallResult.error("app class " + init.appClass() + " needs a public no-arg constructor");
    }
    if (bundleRequiresRoutes()) {
      dispatcher.requireRoutes();
    }
    Sealer sealer;
    if (device == null) {
      sealer = new Sealer(init.identity(), init.sealSecret());
    } else {
      try {
        sealer = new Sealer(init.identity(), device.sealKey("_sgx_mrenclave"), device.sealKey("_sgx_mrsigner"));
      } catch (java.io.IOException e) {
        return EcallResult.error("attestation device: " + e.getMessage());
      }
    }
    context = new RuntimeContext(init.identity(), sealer, dispatcher, this::emit);
    try {
      instance.init(context);
    } catch (Exception e) {
      // Nothing of a failed app may keep running: drop its handlers and refuse any later INIT.
      dispatcher.unregisterAll();
      initFailed = true;
      return EcallResult.error("app init failed: " + e.getClass().getName());
    }
    app = instance;
    return EcallResult.ok(new byte[0]);
  }

  /**
   * Reads {@code routes.required} from the bundle's own config, through the enclave's class loader:
   * the bundle is measured, so the host cannot switch this off by lying in an ecall.
   */
  private static boolean bundleRequiresRoutes() {
    ClassLoader loader = EnclaveRuntime.class.getClassLoader();
    try (java.io.InputStream in = loader == null ? null : loader.getResourceAsStream(CONFIG_ENTRY)) {
      if (in == null) {
        return false;
      }
      java.util.Properties p = new java.util.Properties();
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      return "true".equals(p.getProperty("routes.required", "false").trim());
    } catch (java.io.IOException | IllegalArgumentException e) {
      // An unreadable config is the safe case: fail closed.
      return true;
    }
  }

  private EcallResult provisionKey(byte[] nonce) {
    try {
      provisioningKey = ProvisioningCipher.generateKeyPair();
      byte[] pk = ProvisioningCipher.rawPublicKey(provisioningKey.getPublic());
      byte[] claims = context.attestationClaims();
      byte[] reportData = ProvisioningCipher.reportData(pk, nonce, claims);
      provisioningReportData = reportData.clone();
      byte[] out = new byte[pk.length + reportData.length + claims.length];
      System.arraycopy(pk, 0, out, 0, pk.length);
      System.arraycopy(reportData, 0, out, pk.length, reportData.length);
      System.arraycopy(claims, 0, out, pk.length + reportData.length, claims.length);
      return EcallResult.ok(out);
    } catch (GeneralSecurityException e) {
      return EcallResult.error("provisioning key generation failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Quotes through the device, but only the report data of the current provisioning key: a host
   * free to pick report data could get evidence binding a key of its own.
   */
  private EcallResult attest(byte[] reportData) {
    if (device == null) {
      return EcallResult.error("this enclave has no attestation device: on simulated platforms the host issues evidence");
    }
    if (provisioningReportData == null
        || !java.security.MessageDigest.isEqual(reportData, provisioningReportData)) {
      return EcallResult.error("enclave quotes only the report data of its current provisioning key");
    }
    try {
      return EcallResult.ok(device.quote(reportData));
    } catch (java.io.IOException e) {
      return EcallResult.error("attestation device: " + e.getMessage());
    }
  }

  private EcallResult provision(byte[] message) {
    if (provisioningKey == null) {
      return EcallResult.error("no provisioning key: PROVISION_KEY must come first");
    }
    Map<String, byte[]> secrets;
    try {
      byte[] plaintext = ProvisioningCipher.decrypt(provisioningKey, message);
      secrets = SecretsCodec.decode(plaintext, limits);
    } catch (GeneralSecurityException e) {
      return EcallResult.error("provisioning refused: " + e.getMessage());
    }
    // The key is single-use: a replayed or second message for it is refused.
    provisioningKey = null;
    provisioningReportData = null;
    try {
      context.addSecrets(secrets);
    } catch (IllegalArgumentException e) {
      return EcallResult.error("provisioning refused: " + e.getMessage());
    }
    return EcallResult.ok(new byte[0]);
  }
}
