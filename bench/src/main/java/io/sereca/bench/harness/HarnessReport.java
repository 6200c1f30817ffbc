package io.sereca.bench.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * What a harness run produced.
 *
 * @param files the CSV, PNG and summary files written
 * @param verdicts the targets checked, in the order printed
 */
public record HarnessReport(List<Path> files, List<TargetVerdict> verdicts) {

  /** Copies the lists. */
  public HarnessReport {
    files = List.copyOf(files);
    verdicts = List.copyOf(verdicts);
  }
}
