package org.energytrace.gateway.opcua;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePath;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePathResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePath;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePathElement;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.model.PointTarget;

/**
 * Compares each point's EngineeringUnits property (OPC 10000-8 §5.6.3: a UNECE common code as the
 * UnitId) with the unit configured for it: a server that says MWh where the configuration says kWh
 * would make every reading wrong by a factor of 1000. Servers that offer no EngineeringUnits, or
 * another namespace of units, are not second-guessed.
 */
final class EngineeringUnits {

  static final String UNECE_UNITS = "http://www.opcfoundation.org/UA/units/un/cefact";

  private EngineeringUnits() {}

  /** The points whose server unit differs from the configured one. */
  static List<UnitMismatch> mismatches(
      OpcUaClient client,
      OpcUaConnector connector,
      DeviceConfig.OpcUa config,
      List<Optional<NodeId>> nodeIds)
      throws Exception {
    List<BrowsePath> paths = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < config.points().size(); i++) {
      if (nodeIds.get(i).isPresent()) {
        paths.add(
            new BrowsePath(
                nodeIds.get(i).get(),
                new RelativePath(
                    new RelativePathElement[] {
                      new RelativePathElement(
                          NodeIds.HasProperty,
                          false,
                          true,
                          new QualifiedName(0, "EngineeringUnits"))
                    })));
        indexes.add(i);
      }
    }
    if (paths.isEmpty()) {
      return List.of();
    }
    BrowsePathResult[] results =
        connector.bounded(client.translateBrowsePathsAsync(paths)).getResults();
    List<NodeId> euNodes = new ArrayList<>();
    List<Integer> euIndexes = new ArrayList<>();
    for (int k = 0; k < results.length; k++) {
      if (results[k].getStatusCode().isGood()
          && results[k].getTargets() != null
          && results[k].getTargets().length > 0) {
        results[k]
            .getTargets()[0]
            .getTargetId()
            .toNodeId(client.getNamespaceTable())
            .ifPresent(euNodes::add);
        euIndexes.add(indexes.get(k));
      }
    }
    if (euNodes.isEmpty()) {
      return List.of();
    }
    List<DataValue> values =
        connector.bounded(client.readValuesAsync(0.0, TimestampsToReturn.Neither, euNodes));
    List<UnitMismatch> problems = new ArrayList<>();
    for (int k = 0; k < values.size(); k++) {
      Object raw = values.get(k).getValue().getValue();
      if (!(raw instanceof ExtensionObject eo)) {
        continue;
      }
      Object decoded = eo.decode(client.getStaticEncodingContext());
      if (!(decoded instanceof EUInformation eu) || !UNECE_UNITS.equals(eu.getNamespaceUri())) {
        continue;
      }
      int index = euIndexes.get(k);
      OpcUaPoint point = config.points().get(index);
      String configured = unitOf(point.target());
      // UnitId -1 means "not available" (OPC 10000-8 §5.6.3); some servers leave 0.
      if (eu.getUnitId() != null && eu.getUnitId() > 0 && eu.getUnitId() != unitId(configured)) {
        problems.add(
            new UnitMismatch(
                index,
                point.target(),
                point.node(),
                configured,
                eu.getUnitId(),
                eu.getDisplayName() == null ? null : eu.getDisplayName().text()));
      }
    }
    return List.copyOf(problems);
  }

  private static String unitOf(PointTarget target) {
    return target instanceof PointTarget.MeterChannel m
        ? m.unit()
        : ((PointTarget.ProductionLine) target).unit();
  }

  /** OPC 10000-8 §5.6.3: UnitId of a UNECE common code, its characters as bytes (KWH → 4937544). */
  static int unitId(String code) {
    int id = 0;
    for (char c : code.toUpperCase(Locale.ROOT).toCharArray()) {
      id = (id << 8) | (c & 0xFF);
    }
    return id;
  }

  /** The UNECE common code of a UnitId (4937544 → KWH). */
  static String code(int unitId) {
    StringBuilder code = new StringBuilder();
    for (int shift = 16; shift >= 0; shift -= 8) {
      int c = (unitId >> shift) & 0xFF;
      if (c != 0) {
        code.append((char) c);
      }
    }
    return code.toString();
  }
}
