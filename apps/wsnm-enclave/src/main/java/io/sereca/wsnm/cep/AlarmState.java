package io.sereca.wsnm.cep;

/**
 * The states of an alarm after ISA-18.2: NORMAL → ACTIVE_UNACK (raised) → ACTIVE_ACK
 * (acknowledged) → NORMAL (cleared); ACTIVE_UNACK → RTN_UNACK (returned before acknowledgement)
 * → NORMAL (acknowledged); any state → SHELVED (by a user, until an expiry) → back by unshelve or
 * expiry. Written as the enum name in alarm JSON.
 */
public enum AlarmState {
  /** The condition does not hold and nothing awaits acknowledgement. */
  NORMAL,
  /** Raised and not yet acknowledged. */
  ACTIVE_UNACK,
  /** Raised and acknowledged; clears to NORMAL when the condition ends. */
  ACTIVE_ACK,
  /** The condition ended before anyone acknowledged it. */
  RTN_UNACK,
  /** Suppressed by a user until {@code shelvedUntil}: not announced. */
  SHELVED
}
