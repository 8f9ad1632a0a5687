/**
 * The configuration as a tree of validated records ({@link
 * org.energytrace.gateway.config.GatewayConfig}), loaded by {@link
 * org.energytrace.gateway.config.ConfigLoader}: YAML with {@code ${ENV:…}} placeholders ({@link
 * org.energytrace.gateway.config.Placeholders}), checked against the JSON Schema of
 * docs/schemas/config ({@link org.energytrace.gateway.config.ConfigSchema}), bound with Jackson and
 * assembled; every problem reported as {@code file:line: path: problem}. Register-map templates
 * ({@link org.energytrace.gateway.config.RegisterMapTemplate}) are data files of the same kind.
 * Imports only {@code model}: no driver, Milo or Modbus type.
 */
package org.energytrace.gateway.config;
