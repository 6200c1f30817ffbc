package io.sereca.host;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * The enclave config a bundle carries in {@value #ENTRY}: the app class, product id, svn, memory
 * budget and debug flag. It is part of the measurement, so changing any field changes the
 * enclave's identity.
 *
 * <pre>
 * app.class=com.example.MyEnclaveApp
 * product.id=1
 * svn=3
 * memory.budget.mib=128
 * debug=false
 * routes.required=false
 * </pre>
 *
 * <p>{@code routes.required=true} makes the enclave fail closed on the event bus until its route
 * table has been provisioned: before that it delivers nothing and sends nothing, because it cannot
 * yet tell which addresses are protected. The enclave reads this from its own (measured) bundle,
 * not from the host.
 */
public final class EnclaveConfig {

  /** Where a bundle carries its config. */
  public static final String ENTRY = "META-INF/sereca/enclave.properties";
  /** Default enclave memory budget in MiB. */
  public static final int DEFAULT_MEMORY_BUDGET_MIB = 128;

  private static final Set<String> KEYS =
      Set.of("app.class", "product.id", "svn", "memory.budget.mib", "debug", "routes.required");

  private final String appClass;
  private final int productId;
  private final int svn;
  private final int memoryBudgetMib;
  private final boolean debug;
  private final boolean routesRequired;

  private EnclaveConfig(String appClass, int productId, int svn, int memoryBudgetMib, boolean debug,
      boolean routesRequired) {
    this.appClass = appClass;
    this.productId = productId;
    this.svn = svn;
    this.memoryBudgetMib = memoryBudgetMib;
    this.debug = debug;
    this.routesRequired = routesRequired;
  }

  /**
   * Creates a config, validating every field.
   *
   * @throws IllegalArgumentException naming the invalid field
   */
  public static EnclaveConfig create(
      String appClass, int productId, int svn, int memoryBudgetMib, boolean debug) {
    return create(appClass, productId, svn, memoryBudgetMib, debug, false);
  }

  /** Like {@link #create(String, int, int, int, boolean)}, with {@code routes.required}. */
  public static EnclaveConfig create(
      String appClass, int productId, int svn, int memoryBudgetMib, boolean debug, boolean routesRequired) {
    if (appClass == null || !appClass.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
      throw new IllegalArgumentException("app.class must be a fully qualified class name, was " + appClass);
    }
    if (productId < 0 || productId > 0xFFFF) {
      throw new IllegalArgumentException("product.id must be in 0..65535, was " + productId);
    }
    if (svn < 0 || svn > 0xFFFF) {
      throw new IllegalArgumentException("svn must be in 0..65535, was " + svn);
    }
    if (memoryBudgetMib < 16 || memoryBudgetMib > 64 * 1024) {
      throw new IllegalArgumentException(
          "memory.budget.mib must be in 16..65536, was " + memoryBudgetMib);
    }
    return new EnclaveConfig(appClass, productId, svn, memoryBudgetMib, debug, routesRequired);
  }

  /**
   * Parses the properties text of {@value #ENTRY}. Unknown keys are errors: a typo must not
   * silently fall back to a default.
   */
  public static EnclaveConfig parse(byte[] text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(text, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("enclave config is not a valid properties file: " + e.getMessage());
    }
    for (String key : p.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("enclave config has unknown key '" + key + "' (known: " + KEYS + ")");
      }
    }
    String appClass = p.getProperty("app.class");
    if (appClass == null) {
      throw new IllegalArgumentException("enclave config lacks the required key 'app.class'");
    }
    return create(appClass.trim(),
        intValue(p, "product.id", 0),
        intValue(p, "svn", 0),
        intValue(p, "memory.budget.mib", DEFAULT_MEMORY_BUDGET_MIB),
        boolValue(p, "debug"),
        boolValue(p, "routes.required"));
  }

  private static int intValue(Properties p, String key, int dflt) {
    String v = p.getProperty(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("enclave config key '" + key + "' must be an integer, was '" + v + "'");
    }
  }

  private static boolean boolValue(Properties p, String key) {
    String v = p.getProperty(key, "false").trim();
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("enclave config key '" + key + "' must be true or false, was '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  /** Canonical text form (fixed key order), used in the measurement and when writing bundles. */
  public byte[] canonicalBytes() {
    String s = "app.class=" + appClass + "\nproduct.id=" + productId + "\nsvn=" + svn
        + "\nmemory.budget.mib=" + memoryBudgetMib + "\ndebug=" + debug
        + (routesRequired ? "\nroutes.required=true" : "") + "\n";
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Fully qualified name of the {@code EnclaveApp} implementation. */
  public String appClass() {
    return appClass;
  }

  /** Product id. */
  public int productId() {
    return productId;
  }

  /** Security version number. */
  public int svn() {
    return svn;
  }

  /** Memory budget in MiB (the process backend caps the child heap to it). */
  public int memoryBudgetMib() {
    return memoryBudgetMib;
  }

  /** Whether the enclave is built for debugging (refused by default attestation policies). */
  public boolean debug() {
    return debug;
  }

  /** Whether the enclave fails closed on the bus until its routes are provisioned. */
  public boolean routesRequired() {
    return routesRequired;
  }

  @Override
  public String toString() {
    return "EnclaveConfig{app.class=" + appClass + ", product.id=" + productId + ", svn=" + svn
        + ", memory.budget.mib=" + memoryBudgetMib + ", debug=" + debug
        + ", routes.required=" + routesRequired + "}";
  }
}
