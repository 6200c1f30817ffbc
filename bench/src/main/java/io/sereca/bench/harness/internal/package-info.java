/** Internals of the evaluation harness: the responder JVM, the load generator, sweeps, files, charts. */
package io.sereca.bench.harness.internal;
