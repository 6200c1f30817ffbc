package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.host.EnclaveBundle;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sereca enclave run}: launches a signed bundle and hosts it, either until Ctrl-C or for
 * a few requests given with {@code --send}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Verify, measure and launch a signed bundle, then host it: print its log, answer its"
            + " requests to " + EnclaveSession.CLOCK_ADDRESS + ".",
        "Without --send it runs until Ctrl-C; with --send it delivers the requests in order,"
            + " prints the replies and exits (1 if any request failed)."})
public final class RunCommand implements Callable<Integer> {

  /** Prefix of a {@code --send} text that is base64 binary rather than UTF-8 text. */
  static final String BASE64_PREFIX = "base64:";

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The signed bundle jar.")
  private Path bundle;

  @Mixin
  private BackendOption backend;

  @Mixin
  private DataDirOption data;

  @Option(names = "--send", paramLabel = "ADDRESS=TEXT",
      description = "Deliver TEXT (UTF-8, or base64:... for binary) as a request to ADDRESS,"
          + " print the reply; repeatable, in order.")
  private List<String> sends = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "How long to wait for each reply. Default: ${DEFAULT-VALUE}.")
  private int timeoutSeconds;

  /** A request to deliver. */
  private record Send(String address, byte[] body, String shown) {}

  @Override
  public Integer call() {
    List<Send> requests = parseSends();
    if (timeoutSeconds <= 0) {
      throw new ParameterException(spec.commandLine(),
          "option '--timeout' must be a positive number of seconds, was " + timeoutSeconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    EnclaveBundle loaded = MeasureCommand.load(bundle);
    out.println("bundle:        " + bundle + " (signature verified)");
    BundleReport.print(out, loaded, "");
    SimulationBanner.printBackend(out, backend.backend());
    out.flush();
    // In serving mode a failed enclave is restarted; a one-shot run should report failures.
    int restarts = requests.isEmpty() ? 3 : 0;
    try (EnclaveSession session = EnclaveSession.launch(loaded, backend.backend(), data.dataDir(),
        restarts, line -> println(out, "  " + line))) {
      List<String> addresses = session.addresses();
      println(out, "enclave launched on backend " + backend.backend() + ", consuming "
          + (addresses.isEmpty() ? "no addresses" : String.join(", ", addresses)));
      return requests.isEmpty() ? serve(session, out) : deliver(session, requests, out);
    }
  }

  private List<Send> parseSends() {
    List<Send> requests = new ArrayList<>();
    for (String s : sends) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(),
            "option '--send' must be ADDRESS=TEXT, was '" + s + "'");
      }
      String text = s.substring(eq + 1);
      byte[] body;
      if (text.startsWith(BASE64_PREFIX)) {
        try {
          body = Base64.getDecoder().decode(text.substring(BASE64_PREFIX.length()));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(),
              "option '--send' for " + s.substring(0, eq) + ": invalid base64: " + e.getMessage());
        }
      } else {
        body = text.getBytes(StandardCharsets.UTF_8);
      }
      requests.add(new Send(s.substring(0, eq), body, text));
    }
    return requests;
  }

  private int deliver(EnclaveSession session, List<Send> requests, PrintWriter out) {
    int failed = 0;
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    for (Send send : requests) {
      println(out, send.address() + " <- " + send.shown());
      EnclaveReply reply = session.request(send.address(), send.body(), timeout);
      println(out, send.address() + " -> " + reply.describe());
      if (!reply.succeeded()) {
        failed++;
      }
    }
    if (failed > 0) {
      throw new CommandFailure("the enclave failed " + failed + " of " + requests.size() + " request(s)");
    }
    return SerecaCommand.EXIT_OK;
  }

  /** Hosts the enclave until the JVM is asked to stop, or until the enclave gives up. */
  private int serve(EnclaveSession session, PrintWriter out) {
    Thread hook = new Thread(() -> {
      session.closeEnclave();
      println(out, "stopped: enclave closed");
    }, "sereca-cli-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    println(out, "running; press Ctrl-C to stop");
    try {
      String reason = session.gaveUp().get();
      throw new CommandFailure("the enclave failed and was not restarted again: " + reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted");
    } catch (ExecutionException e) {
      throw CommandFailure.because("the enclave stopped", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run; it closes the session.
      }
    }
  }

  private static void println(PrintWriter out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
