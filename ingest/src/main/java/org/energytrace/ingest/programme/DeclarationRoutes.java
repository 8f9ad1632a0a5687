package org.energytrace.ingest.programme;

import static org.energytrace.ingest.programme.ProgrammeParams.CARRIER;
import static org.energytrace.ingest.programme.ProgrammeParams.today;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.CurrencyCode;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * What a facility declares: its energy of a year per carrier ({@code putDeclaredEnergy}) and its
 * savings ({@code recordProgrammeSaving}, each over a past period with its uncertainty, optionally
 * resting on an EnPI baseline version).
 */
final class DeclarationRoutes {
  /** The conversion table the province's figures use (analytics' bundled one). */
  private static final Set<String> SAVING_FIELDS =
      Set.of(
          "resource",
          "kind",
          "carrier",
          "unit",
          "from",
          "to",
          "fraction",
          "fraction_low",
          "fraction_high",
          "confidence",
          "amount",
          "half_width",
          "money",
          "currency",
          "enpi",
          "baseline_version",
          "reference");

  private final PgDeclarations store;
  private final Clock clock;

  DeclarationRoutes(PgDeclarations store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** {@code putDeclaredEnergy}: replaces the year's declared energy. */
  Object putEnergy(RoutingContext ctx) {
    int year;
    try {
      year = Integer.parseInt(ctx.pathParam("year"));
    } catch (NumberFormatException e) {
      throw DomainException.invalid("year", "must be a year, got '" + ctx.pathParam("year") + "'");
    }
    if (year < 2000 || year > today(clock).getYear()) {
      throw DomainException.invalid("year", "a past or the current year from 2000, got " + year);
    }
    JsonObject b = Params.nonEmptyBody(ctx);
    if (!(b.getValue("energy") instanceof JsonArray list)) {
      throw DomainException.invalid("energy", "required: a list of {carrier, unit, amount}");
    }
    if (b.size() != 1) {
      throw DomainException.invalid("body", "only the field energy");
    }
    List<Inputs.Energy> rows = new ArrayList<>();
    Set<String> carriers = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof JsonObject e)) {
        throw DomainException.invalid(
            "energy[" + i + "]", "must be an object {carrier, unit, amount}");
      }
      Fields f = new Fields(e.getMap(), "energy[" + i + "].");
      f.only(Set.of("carrier", "unit", "amount"));
      String carrier =
          f.matching(
              "carrier",
              true,
              CARRIER,
              "a carrier as named in the conversion table (electricity, coal_grade_3_4, ...)");
      String unit = f.text("unit", true, 20);
      Double amount = f.number("amount", true, 0, 1e15);
      f.throwFirst();
      if (!carriers.add(carrier)) {
        throw DomainException.invalid("energy[" + i + "].carrier", carrier + " appears twice");
      }
      rows.add(new Inputs.Energy(carrier, unit, amount));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("year", year);
    out.put(
        "energy",
        store.putEnergy(
            Who.of(ctx),
            Principal.scope(ctx),
            ctx.pathParam("enterprise"),
            year,
            rows,
            clock.instant()));
    return out;
  }

  /** {@code recordProgrammeSaving}: 201 with the saving as stored. */
  Object recordSaving(RoutingContext ctx) {
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
    f.only(SAVING_FIELDS);
    String resource =
        f.matching("resource", true, CARRIER, "a resource name (lower case, digits, _)");
    String kind = f.oneOf("kind", true, List.of("energy", "water", "material"));
    String carrier =
        f.matching("carrier", false, CARRIER, "a carrier as named in the conversion table");
    String unit = f.text("unit", true, 20);
    LocalDate from = f.date("from", true);
    LocalDate to = f.date("to", true);
    Double fraction = f.number("fraction", true, -10, 1);
    Double low = f.number("fraction_low", true, -10, 1);
    Double high = f.number("fraction_high", true, -10, 1);
    Double confidence = f.number("confidence", false, 0.5, 0.999);
    Double amount = f.number("amount", true, -1e15, 1e15);
    Double halfWidth = f.number("half_width", false, 0, 1e15);
    Double money = f.number("money", false, -1e18, 1e18);
    String currency =
        f.matching("currency", false, Pattern.compile("[A-Z]{3}"), "an ISO 4217 code such as VND");
    String enpi = f.matching("enpi", false, TopicName.ID, "an EnPI code");
    Double version = f.number("baseline_version", false, 1, 1e6);
    String reference = f.text("reference", false, 500);
    f.throwFirst();
    if (currency != null && !CurrencyCode.known(currency)) {
      throw DomainException.invalid(
          "currency", "not an ISO 4217 currency code (VND, USD, EUR, …): '" + currency + "'");
    }
    if (version != null && version != Math.rint(version)) {
      throw DomainException.invalid("baseline_version", "a version number (an integer)");
    }
    if (to.isBefore(from)) {
      throw DomainException.invalid("to", "the saving period ends before it starts");
    }
    if (to.isAfter(today(clock))) {
      throw DomainException.invalid("to", "a saving is recorded once its period has ended");
    }
    if (!(low <= fraction && fraction <= high)) {
      throw DomainException.invalid("fraction", "must lie in [fraction_low, fraction_high]");
    }
    if (kind.equals("energy") != (carrier != null)) {
      throw DomainException.invalid(
          "carrier",
          kind.equals("energy")
              ? "required for an energy saving"
              : "water and materials have no carrier");
    }
    if (carrier != null) {
      SavingUnits.carrierUnit(carrier, unit);
    } else {
      SavingUnits.ownUnit(resource, kind, unit);
    }
    if (amount != 0 && fraction != 0 && Math.signum(amount) != Math.signum(fraction)) {
      throw DomainException.invalid(
          "amount",
          "must have the sign of fraction (a saving positive, an increase negative), got "
              + amount
              + " with fraction "
              + fraction);
    }
    if ((enpi == null) != (version == null)) {
      throw DomainException.invalid(
          enpi == null ? "enpi" : "baseline_version",
          "name both the EnPI and its baseline version, or neither");
    }
    Inputs.Saving s =
        new Inputs.Saving(
            resource,
            kind,
            carrier,
            unit,
            from,
            to,
            fraction,
            low,
            high,
            confidence == null ? ProgrammeExport.CONFIDENCE : confidence,
            amount,
            halfWidth == null ? 0 : halfWidth,
            money,
            currency == null ? "VND" : currency,
            enpi,
            version == null ? null : version.intValue(),
            reference);
    return Blocking.Answer.created(
        store.recordSaving(
            Who.of(ctx), Principal.scope(ctx), ctx.pathParam("enterprise"), s, clock.instant()));
  }
}
