/**
 * The {@code sereca} command: {@link io.sereca.cli.SerecaCommand} is its entry point and the
 * package's whole public face. Subcommands live in {@code io.sereca.cli.internal}.
 */
package io.sereca.cli;
