/**
 * Liveness and readiness: a {@link org.energytrace.ingest.health.HealthCheck} per part ingest needs
 * to work (database, broker subscription, pipeline), {@link
 * org.energytrace.ingest.health.Readiness} asking them all within a deadline, and the routes that
 * answer the probes without touching the database for authentication.
 */
package org.energytrace.ingest.health;
