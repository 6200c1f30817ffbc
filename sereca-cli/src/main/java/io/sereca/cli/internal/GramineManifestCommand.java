package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.GramineManifest;
import io.sereca.host.GramineOptions;
import io.sereca.host.LaunchOptions;
import io.sereca.host.internal.TrustedRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sereca enclave gramine-manifest}: writes the Gramine-SGX manifest of a bundle. */
@Command(
    name = "gramine-manifest",
    mixinStandardHelpOptions = true,
    description = {
        "Verify a signed bundle and write the Gramine manifest template that runs it in an SGX"
            + " enclave, plus app/ beside it holding the trusted runtime and the bundle.",
        "Then: gramine-manifest -Darch_libdir=/lib/x86_64-linux-gnu sereca-enclave.manifest.template"
            + " sereca-enclave.manifest; gramine-sgx-sign --manifest sereca-enclave.manifest --output"
            + " sereca-enclave.manifest.sgx. The host's gramine-sgx backend does all of this itself."})
public final class GramineManifestCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The signed bundle jar.")
  private Path bundle;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Manifest template to write (default: ${DEFAULT-VALUE}).")
  private Path out = Path.of(GramineManifest.NAME + ".manifest.template");

  @Option(names = "--java-home", paramLabel = "DIR",
      description = "JDK to run inside the enclave (default: this JVM's java.home).")
  private Path javaHome;

  @Option(names = "--max-threads", paramLabel = "N", description = "sgx.max_threads (default: 64).")
  private Integer maxThreads;

  @Option(names = "--headroom-mib", paramLabel = "MIB",
      description = "Enclave memory beyond the heap budget (default: 512).")
  private Integer headroomMib;

  @Option(names = "--jvm-option", paramLabel = "OPT", description = "Extra JVM option (repeatable; measured).")
  private List<String> jvmOptions = new ArrayList<>();

  @Override
  public Integer call() {
    EnclaveBundle loaded = MeasureCommand.load(bundle);
    GramineOptions g = new GramineOptions();
    try {
      if (javaHome != null) {
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
          throw new CommandFailure("--java-home " + javaHome + " has no executable bin/java");
        }
        g.setJavaHome(javaHome);
      }
      if (maxThreads != null) {
        g.setMaxThreads(maxThreads);
      }
      if (headroomMib != null) {
        g.setHeadroomMib(headroomMib);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage(), e);
    }
    LaunchOptions launch = new LaunchOptions();
    jvmOptions.forEach(launch::addJvmOption);
    GramineManifest manifest = GramineManifest.forBundle(loaded, launch, g);
    try {
      GramineManifest.writeLaunchDirectory(out, manifest, TrustedRuntime.current().jarBytes(), loaded.jarBytes());
    } catch (IOException e) {
      throw new CommandFailure("cannot write " + out + ": " + e.getMessage(), e);
    }
    PrintWriter w = spec.commandLine().getOut();
    Path app = out.toAbsolutePath().getParent().resolve(GramineManifest.APP_DIRECTORY);
    w.println("manifest:      " + out);
    w.println("app files:     " + app.resolve(GramineManifest.RUNTIME_JAR) + ", " + app.resolve(GramineManifest.BUNDLE_JAR));
    w.println("enclave size:  " + manifest.enclaveSizeMib() + " MiB (heap budget "
        + loaded.config().memoryBudgetMib() + " MiB + headroom, rounded up to a power of two)");
    w.println("measurement:   " + loaded.identity().measurementHex()
        + " (SERECA's; SGX's MRENCLAVE comes from gramine-sgx-sign)");
    w.flush();
    return SerecaCommand.EXIT_OK;
  }
}
