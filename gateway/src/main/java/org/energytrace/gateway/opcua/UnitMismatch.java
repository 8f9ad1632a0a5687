package org.energytrace.gateway.opcua;

import java.util.Objects;
import org.energytrace.gateway.model.PointTarget;

/**
 * A point whose configured unit differs from the server's EngineeringUnits (OPC 10000-8 §5.6.3):
 * which point of the device ({@code point}, its index in the device's points), its node, and both
 * units. A configuration error: every reading of the point would be wrong by the units' ratio.
 *
 * @param serverUnitId the UnitId the server gives (the code's characters as bytes)
 * @param serverDisplayName the server's DisplayName of the unit, or null
 */
public record UnitMismatch(
    int point,
    PointTarget target,
    String node,
    String configured,
    int serverUnitId,
    String serverDisplayName) {

  public UnitMismatch {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(configured, "configured");
  }

  /** The server's UNECE code ({@code KWH}). */
  public String serverCode() {
    return EngineeringUnits.code(serverUnitId);
  }

  /**
   * One sentence naming the point and both units: {@code meter line1-em channel
   * AcActiveEnergyTotalImport (node ns=2;s=E): the configuration says MWH but the server's
   * EngineeringUnits are KWH (4937544, kWh)}.
   */
  public String sentence() {
    String what =
        target instanceof PointTarget.MeterChannel m
            ? "meter " + m.meter() + " channel " + m.channel()
            : "production line " + ((PointTarget.ProductionLine) target).line();
    return what
        + " (node "
        + node
        + "): the configuration says "
        + configured
        + " but the server's EngineeringUnits are "
        + serverCode()
        + " ("
        + serverUnitId
        + (serverDisplayName == null || serverDisplayName.isEmpty() ? "" : ", " + serverDisplayName)
        + ")";
  }
}
