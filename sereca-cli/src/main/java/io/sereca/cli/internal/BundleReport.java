package io.sereca.cli.internal;

import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveConfig;
import java.io.PrintWriter;
import java.util.HexFormat;

/** Prints what identifies a verified bundle: measurement, signer and its enclave config. */
final class BundleReport {

  private BundleReport() {}

  /** Prints the identity lines of {@code bundle}, each starting with {@code indent}. */
  static void print(PrintWriter out, EnclaveBundle bundle, String indent) {
    HexFormat hex = HexFormat.of();
    EnclaveConfig config = bundle.config();
    out.println(indent + "measurement:   " + hex.formatHex(bundle.measurement()));
    out.println(indent + "signer:        " + hex.formatHex(bundle.signerId()));
    out.println(indent + "product id:    " + config.productId());
    out.println(indent + "svn:           " + config.svn());
    out.println(indent + "debug:         " + config.debug());
    out.println(indent + "memory budget: " + config.memoryBudgetMib() + " MiB");
    out.println(indent + "app class:     " + config.appClass());
  }
}
