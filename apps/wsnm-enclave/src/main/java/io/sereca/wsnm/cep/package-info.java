/**
 * The WSNM alarm manager's complex-event-processing engine, JDK only (it runs inside an
 * enclave): {@link io.sereca.wsnm.cep.RuleSet} (a strict YAML rule file: thresholds, rates,
 * window aggregates, correlations, sequences, absence, flatline, staleness, integrity, with
 * per-dam parameters), {@link io.sereca.wsnm.cep.AlarmEngine} (evaluation and the ISA-18.2
 * lifecycle of {@link io.sereca.wsnm.cep.AlarmState}) and {@link io.sereca.wsnm.cep.Alarm}
 * (the announced snapshot). Format and schema: docs/wsnm-alarms.md.
 */
package io.sereca.wsnm.cep;
