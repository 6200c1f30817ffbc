/**
 * The subcommands of the {@code sereca} command and what they share (launching an enclave and
 * talking to it, the example bundle of the demo, error reporting). Not an API.
 */
package io.sereca.cli.internal;
