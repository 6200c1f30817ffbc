package io.sereca.enclave;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Named secrets delivered into the enclave after a successful attestation. Immutable. */
public final class ProvisionedSecrets {

  private static final ProvisionedSecrets EMPTY = new ProvisionedSecrets(Map.of());

  private final Map<String, byte[]> values;

  private ProvisionedSecrets(Map<String, byte[]> values) {
    this.values = values;
  }

  /** No secrets. */
  public static ProvisionedSecrets empty() {
    return EMPTY;
  }

  /** Secrets from a map; values are copied. */
  public static ProvisionedSecrets of(Map<String, byte[]> values) {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, v.clone()));
    return new ProvisionedSecrets(Collections.unmodifiableMap(copy));
  }

  /** The secret's bytes (a copy), if provisioned. */
  public Optional<byte[]> get(String name) {
    byte[] v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  /** The secret decoded as UTF-8, if provisioned. */
  public Optional<String> getString(String name) {
    return get(name).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** An environment variable from the CAS manifest's {@code env} for this service, if delivered. */
  public Optional<String> env(String name) {
    return getString("sereca.env." + name);
  }

  /** The command-line arguments from the CAS manifest's {@code args}, in order. */
  public java.util.List<String> args() {
    java.util.List<String> args = new java.util.ArrayList<>();
    for (int i = 0; values.containsKey("sereca.arg." + i); i++) {
      args.add(new String(values.get("sereca.arg." + i), StandardCharsets.UTF_8));
    }
    return args;
  }

  /** A file from the CAS manifest's {@code files}, by its absolute path, if delivered. */
  public Optional<byte[]> file(String path) {
    return get("sereca.file." + path);
  }

  /** The names of all provisioned secrets. */
  public Set<String> names() {
    return values.keySet();
  }

  /** Whether no secret was provisioned. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Never prints values. */
  @Override
  public String toString() {
    return "ProvisionedSecrets" + values.keySet();
  }
}
