package org.energytrace.analytics.resource;

/**
 * The three kinds of resource the CP programme saves per unit of product (Decision 1419/QĐ-TTg:
 * "energy, fuel and materials"). Only ENERGY has an energy content and a TOE equivalent.
 */
public enum ResourceKind {
  /** An energy carrier named as in the conversion table (electricity, coal_grade_3_4, ...). */
  ENERGY,
  /** Water, by volume (m³, L). */
  WATER,
  /** A named raw or packaging material, by mass, volume or pieces (malt t, bottles pcs). */
  MATERIAL
}
