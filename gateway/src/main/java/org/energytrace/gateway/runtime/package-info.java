/**
 * The composition root: {@link org.energytrace.gateway.runtime.GatewayRuntime} is the one place
 * that builds objects from a configuration and wires them; {@link
 * org.energytrace.gateway.runtime.RunningGateway} runs and reloads them.
 */
package org.energytrace.gateway.runtime;
