/**
 * Water-supply network monitoring (WSNM), dam side: a SIMULATED data logger per dam.
 *
 * <p>{@link io.sereca.wsnm.DamSimulator} runs one Modbus TCP server per {@link io.sereca.wsnm.Dam}
 * on 127.0.0.1, each serving the readings of a deterministic, seeded physics model of the dam
 * and its instruments; {@link io.sereca.wsnm.RegisterMap} is the register layout any standard
 * Modbus client reads, {@link io.sereca.wsnm.Channel} the measured quantities and {@link
 * io.sereca.wsnm.Scenario} the situations a client can switch to through a holding register. See
 * docs/wsnm-simulator.md.
 */
package io.sereca.wsnm;
