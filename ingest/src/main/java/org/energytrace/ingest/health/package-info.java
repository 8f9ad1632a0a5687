/**
 * Liveness and readiness: a {@link org.energytrace.ingest.health.HealthCheck} per part ingest needs
 * to work (database, broker subscription, pipeline) and {@link
 * org.energytrace.ingest.health.Readiness} asking them all within a deadline. A ground package: the
 * routes that answer the probes are {@code api.HealthRoutes}.
 */
package org.energytrace.ingest.health;
