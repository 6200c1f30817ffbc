package io.sereca.wsnm.enclave.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  private static boolean take(ReplayGuard g, long q) {
    if (!g.fresh(q)) {
      return false;
    }
    g.record(q);
    return true;
  }

  @Test
  void acceptsEachSequenceOnceEvenOutOfOrderWithinTheWindow() {
    ReplayGuard g = new ReplayGuard();
    assertThat(take(g, 0)).as("sequence numbers start at 1").isFalse();
    assertThat(take(g, 1)).isTrue();
    assertThat(take(g, 3)).isTrue();
    assertThat(take(g, 2)).as("late but new").isTrue();
    assertThat(take(g, 2)).as("replay").isFalse();
    assertThat(take(g, 3)).as("replay").isFalse();
    assertThat(take(g, 100)).isTrue();
    assertThat(take(g, 100 - ReplayGuard.WINDOW)).as("older than the window").isFalse();
    assertThat(take(g, 100 - ReplayGuard.WINDOW + 1)).as("oldest inside the window").isTrue();
  }

  @Test
  void aFrameThatDidNotAuthenticateIsNotRecorded() {
    ReplayGuard g = new ReplayGuard();
    assertThat(g.fresh(5)).isTrue();
    // the caller records only after the frame opened
    assertThat(g.fresh(5)).isTrue();
  }
}
