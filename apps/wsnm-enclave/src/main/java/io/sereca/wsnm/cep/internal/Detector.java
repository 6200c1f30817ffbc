package io.sereca.wsnm.cep.internal;

/**
 * The stateful evaluation of one rule for one dam. Implementations keep bounded state and do
 * O(1) (amortised) work per scan, except where a rule asks for a median.
 */
public interface Detector {

  /** Evaluates a scan of the dam; null when the scan says nothing about the condition. */
  Verdict onScan(ScanView scan);

  /** Evaluates the passing of time with no data (engine clock, ms); null by default. */
  default Verdict onTick(long now) {
    return null;
  }
}
