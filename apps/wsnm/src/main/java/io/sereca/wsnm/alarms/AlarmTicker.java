package io.sereca.wsnm.alarms;

import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;

/**
 * The alarm manager's clock tick: sends an empty message to {@link WsnmAddresses#TICK_ALARMS}
 * every period (default one second), so the enclave evaluates the absence of data and shelving
 * expiry when no scan arrives. Deploy it beside the alarm manager's secure verticle.
 */
public final class AlarmTicker extends VerticleBase {

  /** Default tick period. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

  private final long periodMillis;
  private long timer = -1;

  /** A ticker at {@link #DEFAULT_PERIOD}. */
  public AlarmTicker() {
    this(DEFAULT_PERIOD);
  }

  /**
   * A ticker at {@code period}.
   *
   * @throws IllegalArgumentException unless the period is between 10 ms and 1 minute
   */
  public AlarmTicker(Duration period) {
    if (period.toMillis() < 10 || period.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("alarm tick period must be between 10 ms and 1 min, got " + period);
    }
    this.periodMillis = period.toMillis();
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(periodMillis, id -> vertx.eventBus().send(WsnmAddresses.TICK_ALARMS, Buffer.buffer()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }
}
