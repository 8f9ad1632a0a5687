/**
 * Resources beyond metered electricity (issue 17, docs/resources.md): the resources each site
 * declares it tracks (energy carriers, water, named materials), the entries of unmetered ones
 * (deliveries, invoices, stock counts, daily use) from the API or an upload (preview with row and
 * column errors, idempotent commit, audited revisions), and per resource the specific consumption
 * per unit of product, baseline, savings with uncertainty and progress to 8 %/13 %, and the
 * facility's TOE of energy carriers only. The arithmetic is the analytics module's ({@code
 * analytics.resource}); here are the store ({@link org.energytrace.ingest.resource.PgResources}),
 * the file checks ({@link org.energytrace.ingest.resource.EntryFile}), the service ({@link
 * org.energytrace.ingest.resource.ResourceIndicators}) and the routes ({@link
 * org.energytrace.ingest.resource.ResourceRoutes}).
 */
package org.energytrace.ingest.resource;
