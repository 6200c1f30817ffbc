package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.cli.SerecaCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

  @TempDir
  Path tmp;

  private Cli.Result run(Path bundle, String... more) {
    List<String> args = new ArrayList<>(List.of("enclave", "run", bundle.toString(),
        "--data-dir", tmp.resolve("data").toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void deliversRequestsInOrderAndPrintsTheReplies() throws Exception {
    Cli.Result r = run(Fixtures.signedBundle(tmp),
        "--send", "hello.greet=you", "--send", "hello.echo=base64:AAEC", "--send", "hello.ask=");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("!! SIMULATED backend 'sim'")
        .contains("[enclave INFO] hello enclave ready")
        .contains("consuming hello.greet, hello.sign, hello.seal, hello.unseal, hello.ask, hello.echo")
        .contains("hello.greet -> Hello, you!  {enclave=")
        .contains("hello.echo -> base64:AAEC (3 bytes)")
        .contains("[host] host.clock asked by the enclave")
        .contains("hello.ask -> the host says it is ");
    assertThat(r.out().indexOf("hello.greet ->")).isLessThan(r.out().indexOf("hello.echo ->"));
  }

  @Test
  void failedRequestsArePrintedAndMakeTheRunFail() throws Exception {
    Cli.Result r = run(Fixtures.signedBundle(tmp),
        "--send", "hello.sign=unprovisioned", "--send", "no.such.address=x", "--send", "hello.greet=");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("hello.sign -> FAILED 412: no greeting.key provisioned yet")
        .contains("no.such.address -> FAILED -2: no handler for this address in the enclave")
        .contains("hello.greet -> Hello, world!");
    assertThat(r.err()).isEqualTo("sereca: the enclave failed 2 of 3 request(s)" + System.lineSeparator());
  }

  @Test
  void runsOnTheProcessBackend() throws Exception {
    Cli.Result r = run(Fixtures.signedBundle(tmp), "--backend", "process", "--send", "hello.greet=process");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("!! SIMULATED backend 'process': the enclave runs in a child JVM")
        .contains("hello.greet -> Hello, process!");
  }

  @Test
  void refusesAnUnsignedBundle() throws Exception {
    Cli.Result r = run(Fixtures.unsignedBundle(tmp), "--send", "hello.greet=x");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: refused: bundle ").contains("is not signed");
    assertThat(r.out()).doesNotContain("launched");
  }

  @Test
  void refusesATamperedBundle() throws Exception {
    Path tampered = MeasureCommandTest.tamper(Fixtures.signedBundle(tmp), tmp.resolve("tampered.jar"));

    Cli.Result r = run(tampered, "--send", "hello.greet=x");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("signature does not verify").doesNotContain("\tat ");
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    Path bundle = Fixtures.signedBundle(tmp);

    Cli.Result noEquals = run(bundle, "--send", "hello.greet");
    Cli.Result badBase64 = run(bundle, "--send", "hello.unseal=base64:!!");
    Cli.Result badBackend = run(bundle, "--backend", "sgx");
    Cli.Result badTimeout = run(bundle, "--send", "hello.greet=x", "--timeout", "0");

    assertThat(noEquals.exitCode()).isEqualTo(2);
    assertThat(noEquals.err()).contains("option '--send' must be ADDRESS=TEXT, was 'hello.greet'");
    assertThat(badBase64.exitCode()).isEqualTo(2);
    assertThat(badBase64.err()).contains("invalid base64");
    assertThat(badBackend.exitCode()).isEqualTo(2);
    assertThat(badBackend.err()).contains("unknown backend 'sgx'").contains("sim, process");
    assertThat(badTimeout.exitCode()).isEqualTo(2);
    assertThat(badTimeout.err()).contains("'--timeout' must be a positive number of seconds");
  }

  @Test
  void withoutSendServesUntilTheProcessIsStopped() throws Exception {
    Path bundle = Fixtures.signedBundle(tmp);
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        SerecaCommand.class.getName(), "enclave", "run", bundle.toString(),
        "--data-dir", tmp.resolve("data").toString())
        .redirectErrorStream(true)
        .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> running = new CompletableFuture<>();
    CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
          if (line.startsWith("running; press Ctrl-C")) {
            running.complete(null);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      running.get(30, TimeUnit.SECONDS);

      process.toHandle().destroy(); // SIGTERM: runs the shutdown hooks, as Ctrl-C does

      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      ended.get(10, TimeUnit.SECONDS);
      assertThat(lines).contains("stopped: enclave closed");
      assertThat(String.join("\n", lines)).contains("[enclave INFO] hello enclave ready");
    } finally {
      process.destroyForcibly();
    }
  }
}
