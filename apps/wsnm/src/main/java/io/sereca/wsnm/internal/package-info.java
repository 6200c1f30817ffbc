/**
 * Internals of the SIMULATED dam loggers: the physics ({@link io.sereca.wsnm.internal.DamPhysics}),
 * the logger that scans it and renders registers ({@link io.sereca.wsnm.internal.DamLogger}) and
 * j2mod's process image over it ({@link io.sereca.wsnm.internal.LoggerProcessImage}).
 */
package io.sereca.wsnm.internal;
