package org.energytrace.analytics.domain;

import java.util.List;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * An industrial enterprise as the provincial programme knows it: VSIC 2018 code (e.g. 1103 beer),
 * district, industrial park (empty when outside one), whether it is on the national key-energy-user
 * list (Decree 21/2011/NĐ-CP), and its sites.
 */
public record Enterprise(
    String id,
    String name,
    String vsicCode,
    String district,
    String industrialPark,
    boolean keyEnergyUser,
    List<Site> sites) {

  public Enterprise {
    Names.require(id, "enterprise id");
    name = name == null ? id : name;
    Names.require(vsicCode, "VSIC code of enterprise " + id);
    if (!vsicCode.matches("[0-9]{1,5}")) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "VSIC code of enterprise " + id + " must be digits: " + vsicCode);
    }
    district = district == null ? "" : district;
    industrialPark = industrialPark == null ? "" : industrialPark;
    sites = List.copyOf(sites);
    Names.unique(sites, Site::id, "site");
    Names.unique(sites.stream().flatMap(s -> s.meters().stream()).toList(), Meter::id, "meter");
    Names.unique(
        sites.stream()
            .flatMap(s -> s.lines().stream())
            .flatMap(l -> l.products().stream())
            .toList(),
        Product::id,
        "product");
  }

  public Optional<Meter> meter(String meterId) {
    return sites.stream()
        .flatMap(s -> s.meters().stream())
        .filter(m -> m.id().equals(meterId))
        .findFirst();
  }

  public Optional<Product> product(String productId) {
    return sites.stream()
        .flatMap(s -> s.lines().stream())
        .flatMap(l -> l.products().stream())
        .filter(p -> p.id().equals(productId))
        .findFirst();
  }
}
