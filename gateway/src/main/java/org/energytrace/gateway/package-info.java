/**
 * The EnergyTrace edge gateway: {@link org.energytrace.gateway.GatewayMain} is the process entry.
 * Layers, lowest first (docs/architecture.md, "Inside the gateway"; {@code ArchitectureTest} keeps
 * them): {@code model} → {@code config}, {@code buffer} → {@code poll} → {@code opcua}, {@code
 * modbus} (drivers); {@code publish}, {@code ops} → {@code runtime} (the composition root) → {@code
 * demo} → {@code cli}. {@code simulator} and {@code broker} are demo tools.
 */
package org.energytrace.gateway;
