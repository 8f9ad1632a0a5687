package org.energytrace.ingest.resource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.energytrace.analytics.json.Json;
import org.energytrace.ingest.resource.PgResources.Entry;

/**
 * Entries of a stock ledger that may count one delivery twice, for the ledger's problems ({@link
 * ResourceIndicators}): the same delivery note on two days, an invoice of a delivery note's
 * quantity within a week of it. Each is said, never removed: only the enterprise knows whether they
 * are one shipment.
 */
final class DoubleCounting {
  private DoubleCounting() {}

  /**
   * A delivery note entered on more than one day: the same lorry entered twice doubled the week's
   * use and nothing said so (a note is one delivery, on one day).
   */
  static List<String> sameNoteOnTwoDays(List<Entry> entries) {
    Map<String, List<LocalDate>> days = new TreeMap<>();
    for (Entry e : entries) {
      if (e.type().equals("delivery") && !e.ref().isEmpty()) {
        days.computeIfAbsent(e.ref(), k -> new ArrayList<>()).add(e.day());
      }
    }
    List<String> out = new ArrayList<>();
    days.forEach(
        (ref, on) -> {
          if (on.size() > 1) {
            out.add(
                "delivery note "
                    + ref
                    + " is entered on "
                    + on.size()
                    + " days ("
                    + String.join(", ", on.stream().map(LocalDate::toString).toList())
                    + "): one of them may be the same delivery entered twice");
          }
        });
    return out;
  }

  /**
   * An invoice of the quantity of a delivery note within a week of it: both count as received, so
   * if they are one shipment its quantity is counted twice (a bookkeeper entering the invoice of a
   * lorry already on its delivery note doubled the week's use and turned a 9.6 % saving into a 12.8
   * % loss, and nothing said so).
   */
  static List<String> invoicesLikeDeliveries(List<Entry> entries) {
    List<Entry> deliveries = new ArrayList<>();
    for (Entry e : entries) {
      if (e.type().equals("delivery")) {
        deliveries.add(e);
      }
    }
    List<String> out = new ArrayList<>();
    for (Entry invoice : entries) {
      if (!invoice.type().equals("invoice")) {
        continue;
      }
      for (Entry delivery : deliveries) {
        if (delivery.unit().equals(invoice.unit())
            && Math.abs(delivery.quantity() - invoice.quantity())
                <= 1e-9 * Math.max(1, Math.abs(invoice.quantity()))
            && Math.abs(delivery.day().toEpochDay() - invoice.day().toEpochDay()) <= 6) {
          out.add(
              quantityOn("invoice", invoice)
                  + " and "
                  + quantityOn("delivery note", delivery)
                  + " are both counted as received: if they are one shipment, keep one of them"
                  + " (the invoice carries its amount)");
          deliveries.remove(delivery);
          break;
        }
      }
    }
    return out;
  }

  private static String quantityOn(String what, Entry e) {
    return what
        + (e.ref().isEmpty() ? "" : " " + e.ref())
        + " of "
        + Json.number(e.quantity())
        + " "
        + e.unit()
        + " on "
        + e.day();
  }
}
