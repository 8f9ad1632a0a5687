/**
 * The commands, one class each ({@code run}, {@code check}, {@code trust}, {@code simulate}, {@code
 * broker}, {@code demo}), under {@link org.energytrace.gateway.cli.GatewayCommand}; each has {@code
 * --help} and {@code --version}.
 */
package org.energytrace.gateway.cli;
