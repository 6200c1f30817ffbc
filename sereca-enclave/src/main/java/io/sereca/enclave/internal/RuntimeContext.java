package io.sereca.enclave.internal;

import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.EnclaveLog;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.MessageHandler;
import io.sereca.enclave.ProvisionedSecrets;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.SealingException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** The {@link EnclaveContext} handed to the app: every call becomes an ocall or stays inside. */
final class RuntimeContext implements EnclaveContext {

  private final EnclaveIdentity identity;
  /** Reserved secret holding the route table text. */
  static final String ROUTES_SECRET = "sereca.routes";
  /** Reserved prefix of route key secrets. */
  static final String ROUTE_KEY_PREFIX = "sereca.route-key.";
  /**
   * Reserved prefix of route key activation times: {@code <prefix><name>.<version>} holds the
   * epoch milliseconds (decimal) from which that version is used for sending.
   */
  static final String ROUTE_KEY_ACTIVATION_PREFIX = "sereca.route-key-active.";

  private final Sealer sealer;
  private final Dispatcher dispatcher;
  private final Consumer<Ocall> out;
  private final List<Consumer<ProvisionedSecrets>> provisionedCallbacks = new ArrayList<>();
  private final EnclaveLog log;
  private ProvisionedSecrets secrets = ProvisionedSecrets.empty();
  private volatile byte[] attestationClaims = new byte[0];

  RuntimeContext(EnclaveIdentity identity, Sealer sealer, Dispatcher dispatcher, Consumer<Ocall> out) {
    this.identity = identity;
    this.sealer = sealer;
    this.dispatcher = dispatcher;
    this.out = out;
    this.log = new EnclaveLog() {
      @Override
      public void info(String message) {
        out.accept(new Ocall.Log(0, String.valueOf(message)));
      }

      @Override
      public void warn(String message) {
        out.accept(new Ocall.Log(1, String.valueOf(message)));
      }

      @Override
      public void error(String message) {
        out.accept(new Ocall.Log(2, String.valueOf(message)));
      }
    };
  }

  @Override
  public void register(String address, MessageHandler handler) {
    dispatcher.register(requireAddress(address), Objects.requireNonNull(handler, "handler"));
  }

  @Override
  public void unregister(String address) {
    dispatcher.unregister(requireAddress(address));
  }

  @Override
  public void send(String address, Map<String, String> headers, byte[] body) {
    dispatcher.emit(false, requireAddress(address), checkHeaders(headers), body.clone());
  }

  @Override
  public void publish(String address, Map<String, String> headers, byte[] body) {
    dispatcher.emit(true, requireAddress(address), checkHeaders(headers), body.clone());
  }

  @Override
  public CompletionStage<EnclaveMessage> request(
      String address, Map<String, String> headers, byte[] body, long timeoutMillis) {
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("timeoutMillis must be positive");
    }
    return dispatcher.request(requireAddress(address), checkHeaders(headers), body.clone(), timeoutMillis);
  }

  @Override
  public byte[] seal(SealPolicy policy, String keyId, byte[] plaintext) throws SealingException {
    return sealer.seal(policy, keyId, plaintext);
  }

  @Override
  public byte[] unseal(byte[] sealed) throws SealingException {
    return sealer.unseal(sealed);
  }

  @Override
  public void setAttestationClaims(byte[] claims) {
    if (claims.length > BoundaryLimits.MAX_CLAIMS_BYTES) {
      throw new IllegalArgumentException("attestation claims of " + claims.length
          + " bytes exceed the limit of " + BoundaryLimits.MAX_CLAIMS_BYTES);
    }
    attestationClaims = claims.clone();
  }

  private static long parseMillis(byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8);
    if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("route key activation time must be decimal epoch milliseconds");
    }
    return Long.parseLong(text);
  }

  /** The claims set by the app (a copy); empty if none. */
  byte[] attestationClaims() {
    return attestationClaims.clone();
  }

  @Override
  public ProvisionedSecrets secrets() {
    return secrets;
  }

  @Override
  public void onProvisioned(Consumer<ProvisionedSecrets> callback) {
    provisionedCallbacks.add(Objects.requireNonNull(callback, "callback"));
  }

  @Override
  public EnclaveIdentity identity() {
    return identity;
  }

  @Override
  public EnclaveLog log() {
    return log;
  }

  /**
   * New values replace old ones of the same name; then the app's callbacks run. Reserved names
   * configure the secure event bus and are not shown to the app: {@value #ROUTES_SECRET} (the
   * route table text) and {@code sereca.route-key.<name>.<version>} (32-byte route keys).
   */
  void addSecrets(Map<String, byte[]> added) {
    Map<String, byte[]> merged = new LinkedHashMap<>();
    for (String name : secrets.names()) {
      merged.put(name, secrets.get(name).orElseThrow());
    }
    // Parse everything first: a bad entry refuses the whole message, nothing half-applied.
    RouteTable routes = null;
    List<RouteKey> routeKeys = new ArrayList<>();
    Map<String, Long> activations = new java.util.HashMap<>();
    for (Map.Entry<String, byte[]> e : added.entrySet()) {
      String name = e.getKey();
      if (name.equals(ROUTES_SECRET)) {
        routes = RouteTable.parse(new String(e.getValue(), StandardCharsets.UTF_8));
      } else if (name.startsWith(ROUTE_KEY_ACTIVATION_PREFIX)) {
        activations.put(name.substring(ROUTE_KEY_ACTIVATION_PREFIX.length()),
            parseMillis(e.getValue()));
      } else if (name.startsWith(ROUTE_KEY_PREFIX)) {
        String rest = name.substring(ROUTE_KEY_PREFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
          throw new IllegalArgumentException("route key secret name must be " + ROUTE_KEY_PREFIX + "<name>.<version>");
        }
        String versionText = rest.substring(dot + 1);
        int version = Integer.parseInt(versionText);
        if (!Integer.toString(version).equals(versionText)) {
          throw new IllegalArgumentException("route key version must be written canonically, was '" + versionText + "'");
        }
        RouteKey k = RouteKey.create(rest.substring(0, dot), version, e.getValue());
        if (routeKeys.stream().anyMatch(x -> x.name().equals(k.name()) && x.version() == k.version())) {
          throw new IllegalArgumentException("route key " + k + " appears twice");
        }
        routeKeys.add(k);
      } else {
        merged.put(name, e.getValue());
      }
    }
    long now = System.currentTimeMillis();
    for (RouteKey k : routeKeys) {
      dispatcher.keys().checkAddable(k);
    }
    for (RouteKey k : routeKeys) {
      Long activeFrom = activations.get(k.name() + "." + k.version());
      dispatcher.keys().add(k, now, activeFrom == null ? now : activeFrom);
    }
    if (routes != null) {
      dispatcher.routes(routes);
    }
    secrets = ProvisionedSecrets.of(merged);
    for (Consumer<ProvisionedSecrets> callback : provisionedCallbacks) {
      try {
        callback.accept(secrets);
      } catch (RuntimeException e) {
        log.error("onProvisioned callback failed: " + e.getClass().getName());
      }
    }
  }

  private static String requireAddress(String address) {
    return BoundaryLimits.checkAddress(address);
  }

  static Map<String, String> checkHeaders(Map<String, String> headers) {
    return BoundaryLimits.checkHeaders(Map.copyOf(headers));
  }
}
