package io.sereca.attestation.internal;

import io.sereca.attestation.TeeTestData;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips a jqwik property, saying why, when the public TEE evidence files are not available. */
public final class RequiresTeeEvidence implements SkipExecutionHook {

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    return TeeTestData.directory().isPresent() ? SkipResult.doNotSkip()
        : SkipResult.skip("shared/testdata/tee-evidence not found: the public TEE evidence files are not available");
  }
}
