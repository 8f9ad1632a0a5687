package org.energytrace.analytics.domain;

import java.util.List;

/** A production line and the products it makes. */
public record ProductionLine(String id, String name, List<Product> products) {

  public ProductionLine {
    Names.require(id, "line id");
    name = name == null ? id : name;
    products = List.copyOf(products);
    Names.unique(products, Product::id, "product");
  }
}
