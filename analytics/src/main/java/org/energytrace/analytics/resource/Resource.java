package org.energytrace.analytics.resource;

import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.units.Dimension;
import org.energytrace.analytics.units.PhysicalUnit;
import org.energytrace.analytics.units.Units;

/**
 * A resource a site tracks, with the unit its quantities are kept in.
 *
 * @param id stable identifier (e.g. {@code water}, {@code coal}, {@code malt})
 * @param carrier ENERGY only: the carrier as named in the conversion and emission tables (e.g.
 *     {@code electricity}, {@code coal_grade_3_4}, {@code rice_husk}, {@code diesel}); null for
 *     water and materials, which are never converted to energy or TOE
 * @param unit a unit of {@link Units}: water a volume, a material a mass, volume or pieces
 */
public record Resource(String id, String name, ResourceKind kind, String unit, String carrier) {

  public Resource {
    if (id == null || id.isBlank()) {
      throw new AnalyticsException(Code.INVALID_INPUT, "resource id must not be blank");
    }
    name = name == null || name.isBlank() ? id : name;
    Objects.requireNonNull(kind, "kind of resource " + id);
    if (unit == null || unit.isBlank()) {
      throw new AnalyticsException(Code.INVALID_INPUT, "resource " + id + " needs a unit");
    }
    PhysicalUnit u = Units.of(unit);
    switch (kind) {
      case ENERGY -> {
        if (carrier == null || carrier.isBlank()) {
          throw new AnalyticsException(
              Code.INVALID_INPUT,
              "energy resource " + id + " names its carrier (as in the conversion table)");
        }
        if (u.dimension() == Dimension.COUNT) {
          throw new AnalyticsException(
              Code.INVALID_INPUT, "energy resource " + id + " cannot be counted in pieces");
        }
      }
      case WATER -> {
        requireNoCarrier(id, carrier);
        if (u.dimension() != Dimension.VOLUME) {
          throw new AnalyticsException(
              Code.INVALID_INPUT, "water " + id + " is a volume (m3, L, hl), not " + unit);
        }
      }
      case MATERIAL -> {
        requireNoCarrier(id, carrier);
        if (u.dimension() == Dimension.ENERGY || u.dimension() == Dimension.NORMAL_VOLUME) {
          throw new AnalyticsException(
              Code.INVALID_INPUT,
              "material " + id + " is counted by mass, volume or pieces, not " + unit);
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  public static Resource energy(String id, String carrier, String unit) {
    return new Resource(id, id, ResourceKind.ENERGY, unit, carrier);
  }

  public static Resource water(String id, String unit) {
    return new Resource(id, id, ResourceKind.WATER, unit, null);
  }

  public static Resource material(String id, String name, String unit) {
    return new Resource(id, name, ResourceKind.MATERIAL, unit, null);
  }

  /** {@code amount} given in {@code fromUnit} expressed in this resource's unit. */
  public double inOwnUnit(double amount, String fromUnit) {
    return Units.convert(amount, fromUnit, unit);
  }

  /** The SEC unit, e.g. {@code m3/t}, {@code kg/hl}, {@code kWh/t}. */
  public String secUnit(String productUnit) {
    return unit + "/" + productUnit;
  }

  private static void requireNoCarrier(String id, String carrier) {
    if (carrier != null) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "resource "
              + id
              + " is not an energy carrier: water and materials are never converted to energy or"
              + " TOE");
    }
  }
}
