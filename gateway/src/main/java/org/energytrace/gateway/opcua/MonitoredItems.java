package org.energytrace.gateway.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;

/** What a device's configuration asks of its subscription and of each monitored item. */
final class MonitoredItems {

  private MonitoredItems() {}

  /**
   * A point's data item: its sampling interval (else the device's), queue size, which end of a full
   * queue gives way, and its absolute deadband if any.
   */
  static OpcUaMonitoredItem dataItem(DeviceConfig.OpcUa config, OpcUaPoint point, NodeId node) {
    OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node);
    item.setSamplingInterval(
        point.samplingInterval().orElse(config.samplingInterval()).toNanos() / 1e6);
    item.setQueueSize(uint(point.queueSize()));
    // OPC 10000-4 §5.12.1.5: with discardOldest false a full queue replaces only its newest
    // entry, keeping the changes it already holds
    item.setDiscardOldest(point.discardOldest());
    if (point.deadband() > 0) {
      item.setFilter(
          new DataChangeFilter(
              DataChangeTrigger.StatusValueTimestamp,
              uint(DeadbandType.Absolute.getValue()),
              point.deadband()));
    }
    return item;
  }

  /**
   * The subscription publishes every sampling interval (each publish then carries at most one
   * change of a value updated every two sampling intervals); with sampling 0 (fastest, as the
   * server allows) once a second, so the queue must hold a second's changes.
   */
  static double publishingIntervalMillis(DeviceConfig.OpcUa config) {
    return config.samplingInterval().isZero() ? 1000.0 : config.samplingInterval().toNanos() / 1e6;
  }
}
