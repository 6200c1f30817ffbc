/**
 * The host side of the WSNM alarm manager: {@link io.sereca.wsnm.alarms.AlarmTicker}, the
 * one-second tick of the enclave ({@code io.sereca.wsnm.enclave.AlarmManagerApp}, whose rules and
 * lifecycle live in {@code io.sereca.wsnm.cep}). See docs/wsnm-alarms.md.
 */
package io.sereca.wsnm.alarms;
