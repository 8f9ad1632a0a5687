/**
 * Tenancy, the ground every reading query stands on: {@link org.energytrace.ingest.tenant.Scope}
 * (what a principal may read, with its SQL condition) and the scoped enterprise lookup. Depends on
 * nothing of ingest but {@code errors}.
 */
package org.energytrace.ingest.tenant;
