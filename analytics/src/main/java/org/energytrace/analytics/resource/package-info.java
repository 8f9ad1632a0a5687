/**
 * Resources beyond metered electricity (issue 17): the resource model (energy carriers, water,
 * named materials) with units, the quantity used from stock counts and deliveries, specific
 * consumption per unit of product, baselines, savings and target progress per resource by the same
 * machinery as energy, and a facility total in TOE for energy carriers only.
 *
 * <p>Entry points for ingest: {@link org.energytrace.analytics.resource.StockLedger#usage} (a
 * period's quantity used = opening stock + deliveries − closing stock, with every problem named by
 * row and period), {@link org.energytrace.analytics.resource.ResourceSeries#fromStock} and {@link
 * org.energytrace.analytics.resource.ResourceSeries#fromDaily} (a resource's periods with
 * production), {@link org.energytrace.analytics.resource.ResourceIndicator#compute} (SEC, baseline,
 * savings with uncertainty, verifiability and progress to 8 %/13 % for one resource) and {@link
 * org.energytrace.analytics.resource.FacilityEnergy#toe} (TOE of the energy carriers, missing
 * factors named, water and materials listed as excluded).
 */
package org.energytrace.analytics.resource;
