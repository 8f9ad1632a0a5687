/**
 * The command line ({@code analytics mv}, {@code programme}, {@code verify}); the only package that
 * reads files or writes to the console. Each command parses its files, calls one pure entry point
 * and prints the result only when everything succeeded.
 */
package org.energytrace.analytics.cli;
