package io.sereca.cas.internal.core;

import io.sereca.cas.Manifest;
import io.sereca.cas.Manifest.Route;
import io.sereca.cas.Manifest.Secret;
import io.sereca.cas.Manifest.SecretType;
import io.sereca.cas.Manifest.Service;
import io.sereca.enclave.bus.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * What one attested instance of a service receives, as named secrets for the enclave runtime:
 * its routes and route keys (every version still acceptable, with activation times), its env,
 * args and files with secret references filled in, and the secrets it is given as they are.
 * Names follow the runtime's reserved prefixes ({@code sereca.routes}, {@code sereca.route-key.},
 * {@code sereca.route-key-active.}) and the CAS's ({@code sereca.env.}, {@code sereca.arg.},
 * {@code sereca.file.}, {@code sereca.secret.}).
 */
final class Delivery {

  private Delivery() {}

  /**
   * Builds the delivery.
   *
   * @param graceMillis how long receivers accept a superseded route key version
   * @throws IllegalStateException naming a user-provided secret that was not uploaded yet
   */
  static Map<String, byte[]> forService(Manifest manifest, Service service, CasState state,
      long now, long graceMillis) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    List<Route> routes = manifest.routesOf(service.name());
    Map<String, String> table = new LinkedHashMap<>();
    TreeSet<String> keys = new TreeSet<>();
    for (Route r : routes) {
      table.put(r.address(), r.key());
      keys.add(r.key());
    }
    out.put("sereca.routes", RouteTable.of(table).toText().getBytes(StandardCharsets.UTF_8));
    for (String key : keys) {
      List<CasState.SecretVersion> versions = state.secrets.get(key);
      if (versions == null || versions.isEmpty()) {
        throw new IllegalStateException("route key " + key + " has no version yet");
      }
      for (int i = 0; i < versions.size(); i++) {
        CasState.SecretVersion v = versions.get(i);
        boolean superseded = i + 1 < versions.size()
            && versions.get(i + 1).activeFrom() + graceMillis < now;
        if (!superseded) {
          out.put("sereca.route-key." + key + "." + v.version(), v.material());
          out.put("sereca.route-key-active." + key + "." + v.version(),
              Long.toString(v.activeFrom()).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    service.env().forEach((name, template) ->
        out.put("sereca.env." + name, render(template, manifest, state)));
    for (int i = 0; i < service.args().size(); i++) {
      out.put("sereca.arg." + i, render(service.args().get(i), manifest, state));
    }
    service.files().forEach((path, template) ->
        out.put("sereca.file." + path, render(template, manifest, state)));
    for (String name : service.secrets()) {
      CasState.SecretVersion v = require(name, state);
      out.put("sereca.secret." + name, v.material());
      if (v.publicPart().length > 0) {
        out.put("sereca.secret." + name + ".public", v.publicPart());
      }
      String ca = manifest.secrets().get(name).certificate().map(Manifest.CertificateSpec::ca).orElse(null);
      if (ca != null) {
        out.put("sereca.secret." + name + ".ca", require(ca, state).publicPart());
      }
    }
    return out;
  }

  private static byte[] render(String template, Manifest manifest, CasState state) {
    Matcher m = Manifest.SECRET_REFERENCE.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Secret spec = manifest.secrets().get(name);
      CasState.SecretVersion v = require(name, state);
      String value;
      if (m.group(2) != null) {
        value = Base64.getEncoder().encodeToString(v.publicPart());
      } else if (spec.type() == SecretType.USER) {
        value = new String(v.material(), StandardCharsets.UTF_8);
      } else {
        value = Base64.getEncoder().encodeToString(v.material());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static CasState.SecretVersion require(String name, CasState state) {
    CasState.SecretVersion v = state.latest(name);
    if (v == null) {
      throw new IllegalStateException("secret " + name + " has not been uploaded yet");
    }
    return v;
  }

  /** Names what a delivery holds, never values. */
  static String describe(Map<String, byte[]> delivery) {
    TreeMap<String, Integer> counts = new TreeMap<>();
    List<String> keys = new ArrayList<>();
    for (String name : delivery.keySet()) {
      if (name.startsWith("sereca.route-key.")) {
        keys.add(name.substring("sereca.route-key.".length()));
      } else if (!name.startsWith("sereca.route-key-active.")) {
        String kind = name.startsWith("sereca.") ? name.substring(7, name.indexOf('.', 7) < 0 ? name.length() : name.indexOf('.', 7)) : name;
        counts.merge(kind, 1, Integer::sum);
      }
    }
    return "route keys " + keys + ", " + counts;
  }
}
