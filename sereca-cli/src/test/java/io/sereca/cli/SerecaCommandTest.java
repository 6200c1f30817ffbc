package io.sereca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerecaCommandTest {

  @TempDir
  Path tmp;

  @Test
  void withoutSubcommandIsAUsageErrorThatShowsTheSynopsis() {
    Cli.Result r = Cli.run();

    assertThat(r.exitCode()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).startsWith("sereca: missing subcommand")
        .contains("Usage: sereca").contains("Try 'sereca --help'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownSubcommandIsAUsageErrorWithASuggestion() {
    Cli.Result r = Cli.run("enclave", "mesure", "x.jar");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("sereca: Unmatched arguments").contains("measure")
        .contains("Try 'sereca enclave --help'");
  }

  @Test
  void groupWithoutSubcommandIsAUsageError() {
    assertThat(Cli.run("enclave").exitCode()).isEqualTo(2);
    Cli.Result attest = Cli.run("attest");
    assertThat(attest.exitCode()).isEqualTo(2);
    assertThat(attest.err()).contains("missing subcommand: verify or evidence");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result r = Cli.run("demo", "--no-such-option");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--no-such-option'").contains("Usage: sereca demo");
  }

  @Test
  void helpListsTheSubcommandsAndExitCodes() {
    Cli.Result r = Cli.run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("enclave", "attest", "demo", "Exit codes:",
        "1   verification refused or operation failed", "2   usage error");
  }

  @Test
  void versionComesFromTheBuild() {
    Cli.Result r = Cli.run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("sereca 0.").doesNotContain("${project.version}");
  }

  @Test
  void failuresPrintOneLineAndStackTracesOnlyWhenVerbose() {
    String missing = tmp.resolve("missing.jar").toString();

    Cli.Result quiet = Cli.run("enclave", "measure", missing);
    Cli.Result verbose = Cli.run("--verbose", "enclave", "measure", missing);
    Cli.Result verboseOnSubcommand = Cli.run("enclave", "measure", missing, "--verbose");

    assertThat(quiet.exitCode()).isEqualTo(SerecaCommand.EXIT_FAILED);
    assertThat(quiet.err()).isEqualTo("sereca: refused: bundle " + missing
        + " does not exist or is not a file" + System.lineSeparator());
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err()).startsWith(quiet.err()).contains("\tat io.sereca.");
    assertThat(verboseOnSubcommand.err()).contains("\tat io.sereca.");
  }
}
