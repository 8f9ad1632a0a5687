/**
 * JSON without a library, at the ground layer (imports nothing of the core): a strict RFC 8259
 * parser ({@link org.energytrace.analytics.json.Json#parse}), the deterministic pretty writer of
 * the reports ({@link org.energytrace.analytics.json.Json#write}), the RFC 8785 canonical form used
 * in hash chains ({@link org.energytrace.analytics.json.Json#canonical}) and {@link
 * org.energytrace.analytics.json.JsonFields}, typed field access whose errors name the path.
 */
package org.energytrace.analytics.json;
