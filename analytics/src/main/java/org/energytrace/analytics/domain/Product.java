package org.energytrace.analytics.domain;

import java.util.Objects;

/** A product of a production line and the unit its output is counted in. */
public record Product(String id, String name, ProductUnit unit) {

  public Product {
    Names.require(id, "product id");
    name = name == null ? id : name;
    Objects.requireNonNull(unit, "unit of product " + id);
  }
}
