/**
 * Operations: {@code /metrics} and {@code /health} ({@link org.energytrace.gateway.ops.Health}).
 */
package org.energytrace.gateway.ops;
